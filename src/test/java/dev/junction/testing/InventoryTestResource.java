package dev.junction.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The inventory service for the tests: a real HTTP server (WireMock) on a free loopback port. By default it reserves
 * every line ({@link #DEFAULT_PRIORITY}, the lowest); tests add stubs of their own for the SKUs they use and count
 * the requests it got, through WireMock's admin API ({@link Inventory}).
 */
public class InventoryTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BASE_PATH = "/inventory";
    public static final int DEFAULT_PRIORITY = 10;

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .templatingEnabled(true).globalTemplating(false));
        server.start();
        server.stubFor(post(urlEqualTo(BASE_PATH + "/reservations")).atPriority(DEFAULT_PRIORITY)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"reservationId\":\"R-{{request.headers.Idempotency-Key}}\"}")
                        .withTransformers("response-template")));
        return Map.of("inventory.url", server.baseUrl() + BASE_PATH,
                "junction.test.inventory.port", String.valueOf(server.port()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
