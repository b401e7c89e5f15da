package dev.junction.runtime.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * What a configured certificate turns into, per mode, without starting Quarkus: the listener itself is HttpsTest's.
 * The configuration is as Quarkus would see it, the factory's values below application.properties (ordinal 250).
 */
class HttpsListenerTest {

    private static final Map<String, String> CERTIFICATE = Map.of(
            "junction.http.tls.certificate", "/secrets/tls/tls.crt", "junction.http.tls.key", "/secrets/tls/tls.key");

    @Test
    void withoutACertificateNothingChanges() {
        SmallRyeConfig config = config(Map.of());

        assertThat(value(config, "quarkus.http.tls-configuration-name")).isEmpty();
        assertThat(value(config, "quarkus.http.insecure-requests")).isEmpty();
    }

    @Test
    void aCertificateServesHttpsFromItsOwnTlsConfigurationWithPlainHttpOff() {
        SmallRyeConfig config = config(with(CERTIFICATE, "junction.http.tls.reload-period", "1h"));

        assertThat(value(config, "quarkus.http.tls-configuration-name")).contains("https");
        assertThat(value(config, "quarkus.tls.https.key-store.pem.server.cert")).contains("/secrets/tls/tls.crt");
        assertThat(value(config, "quarkus.tls.https.key-store.pem.server.key")).contains("/secrets/tls/tls.key");
        assertThat(value(config, "quarkus.tls.https.reload-period")).contains("1h");
        assertThat(value(config, "quarkus.http.insecure-requests")).contains("disabled");
        // Not the default TLS configuration: other TLS clients and servers of the process must not pick up the key.
        assertThat(value(config, "quarkus.tls.key-store.pem.server.cert")).isEmpty();
    }

    @Test
    void theEnvironmentVariablesAKubernetesDeploymentSetsAreEnough() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of("JUNCTION_HTTP_TLS_CERTIFICATE", "/secrets/tls/tls.crt",
                        "JUNCTION_HTTP_TLS_KEY", "/secrets/tls/tls.key"), 300))
                .withSources(new HttpsListener()).build();

        assertThat(value(config, "quarkus.tls.https.key-store.pem.server.cert")).contains("/secrets/tls/tls.crt");
        assertThat(value(config, "quarkus.http.insecure-requests")).contains("disabled");
    }

    @Test
    void plainHttpStaysWhereJunctionCallsItsOwnStandInOverIt() {
        assertThat(value(config(with(CERTIFICATE, "inventory.stand-in.enabled", "true")),
                "quarkus.http.insecure-requests")).isEmpty();
        assertThat(value(config(with(CERTIFICATE, "junction.embedded", "true")), "quarkus.http.insecure-requests"))
                .isEmpty();
        assertThat(value(config(with(CERTIFICATE, "%dev.inventory.stand-in.enabled", "true"), "dev"),
                "quarkus.http.insecure-requests")).isEmpty();
    }

    @Test
    void anExplicitInsecureRequestsSettingWins() {
        SmallRyeConfig config = config(with(CERTIFICATE, "quarkus.http.insecure-requests", "redirect"));

        assertThat(value(config, "quarkus.http.insecure-requests")).contains("redirect");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedSayingWhich() {
        assertThatThrownBy(() -> config(Map.of("junction.http.tls.certificate", "/secrets/tls/tls.crt")))
                .hasStackTraceContaining("HTTPS needs both junction.http.tls.certificate and junction.http.tls.key")
                .hasStackTraceContaining("only junction.http.tls.certificate is set");
    }

    private static SmallRyeConfig config(Map<String, String> properties, String... profiles) {
        return new SmallRyeConfigBuilder().withProfiles(List.of(profiles))
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new HttpsListener()).build();
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> properties = new HashMap<>(base);
        properties.put(key, value);
        return properties;
    }

    private static Optional<String> value(SmallRyeConfig config, String name) {
        return config.getOptionalValue(name, String.class);
    }
}
