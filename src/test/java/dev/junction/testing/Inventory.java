package dev.junction.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The tests' handle on the inventory service ({@link InventoryTestResource}), over WireMock's admin HTTP API: what it
 * answers for a SKU, and which reservation requests it got for it. Tests use SKUs of their own, so they never see
 * each other's requests.
 */
public final class Inventory {

    private static final String RESERVATIONS = InventoryTestResource.BASE_PATH + "/reservations";
    private static final String BULK = InventoryTestResource.BASE_PATH + "/stock:bulk";

    private final WireMock admin;

    private Inventory(int port) {
        this.admin = new WireMock("127.0.0.1", port);
    }

    public static Inventory ofApplication() {
        return new Inventory(ConfigProvider.getConfig().getValue("junction.test.inventory.port", Integer.class));
    }

    /** The inventory's answer to a reservation it made: 201 with the reservation's id. */
    public static ResponseDefinitionBuilder reserved(String reservationId) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"reservationId\":\"" + reservationId + "\"}");
    }

    /** From now on, reservations of this SKU get this answer. */
    public void answer(String sku, ResponseDefinitionBuilder response) {
        admin.register(forSku(sku).willReturn(response));
    }

    /** Reservations of this SKU get the answers in turn; the last one from then on. */
    public void answerInTurn(String sku, ResponseDefinitionBuilder... responses) {
        String scenario = "turns-" + sku;
        for (int i = 0; i < responses.length; i++) {
            ScenarioMappingBuilder stub = forSku(sku).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "turn-" + i);
            if (i < responses.length - 1) {
                stub = stub.willSetStateTo("turn-" + (i + 1));
            }
            admin.register(stub.willReturn(responses[i]));
        }
    }

    public List<LoggedRequest> requestsFor(String sku) {
        return admin.find(postRequestedFor(urlEqualTo(RESERVATIONS)).withRequestBody(matchingJsonPath("$.sku",
                equalTo(sku))));
    }

    /** From now on, the stock bulk endpoint (inventory sync's HTTP target) answers these in turn, the last one on. */
    public void answerBulk(ResponseDefinitionBuilder... responses) {
        admin.removeStubsByMetadataPattern(matchingJsonPath("$.bulk"));
        String scenario = "bulk-" + System.nanoTime();
        for (int i = 0; i < responses.length; i++) {
            ScenarioMappingBuilder stub = post(urlEqualTo(BULK)).atPriority(1).inScenario(scenario)
                    .withMetadata(Map.of("bulk", true))
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "turn-" + i);
            if (i < responses.length - 1) {
                stub = stub.willSetStateTo("turn-" + (i + 1));
            }
            admin.register(stub.willReturn(responses[i]));
        }
    }

    /** The bulk requests the endpoint answered with 2xx, oldest first: the batches it took. */
    public List<LoggedRequest> acceptedBulkRequests() {
        return admin.getServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(BULK))
                .filter(event -> event.getResponse().getStatus() / 100 == 2)
                .map(event -> event.getRequest())
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    private static MappingBuilder forSku(String sku) {
        return post(urlEqualTo(RESERVATIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.sku", equalTo(sku)));
    }
}
