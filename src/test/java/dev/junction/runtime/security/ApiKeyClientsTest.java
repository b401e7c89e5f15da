package dev.junction.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Map;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import dev.junction.runtime.webhook.WebhookConfig;

/**
 * API clients as a Kubernetes Secret would configure them, through environment variables only (no Quarkus started):
 * the names map onto junction.auth.api-keys.*, a client's keys are found by hash, and configuration that cannot be
 * right (a plain key, three keys) stops Junction from starting.
 */
class ApiKeyClientsTest {

    @Test
    void clientsComeFromEnvironmentVariablesAndAreFoundByKey() {
        String one = sha256Hex("key-one");
        String two = sha256Hex("key-two");
        ApiKeyClients clients = new ApiKeyClients(config(Map.of(
                "JUNCTION_AUTH_API_KEYS_PARTNERA_HASHES", one + "," + two,
                "JUNCTION_AUTH_API_KEYS_PARTNERA_ROLES", "intake",
                "JUNCTION_AUTH_API_KEYS_OPS_HASHES", sha256Hex("key-ops"),
                "JUNCTION_AUTH_API_KEYS_OPS_ROLES", "operator,intake")).getConfigMapping(ApiKeysConfig.class));

        assertThat(clients.find("key-one")).hasValueSatisfying(client -> {
            assertThat(client.name()).isEqualTo("partnera");
            assertThat(client.roles()).containsExactly("intake");
        });
        assertThat(clients.find("key-two")).map(ApiKeyClients.Client::name).hasValue("partnera");
        assertThat(clients.find("key-ops")).map(ApiKeyClients.Client::roles).hasValueSatisfying(
                roles -> assertThat(roles).containsExactlyInAnyOrder("operator", "intake"));
        assertThat(clients.find("key-three")).isEmpty();
        assertThat(clients.find(one)).as("the hash is not a key").isEmpty();
    }

    @Test
    void aPlainKeyOrAThirdKeyIsAConfigurationError() {
        assertThatThrownBy(() -> new ApiKeyClients(config(Map.of("JUNCTION_AUTH_API_KEYS_PARTNERA_HASHES",
                "key-one")).getConfigMapping(ApiKeysConfig.class)))
                .hasMessageContaining("not a lowercase hex SHA-256 hash").hasMessageNotContaining("key-one");
        assertThatThrownBy(() -> new ApiKeyClients(config(Map.of("JUNCTION_AUTH_API_KEYS_PARTNERA_HASHES",
                String.join(",", sha256Hex("a"), sha256Hex("b"), sha256Hex("c"))))
                .getConfigMapping(ApiKeysConfig.class)))
                .hasMessageContaining("must list one or 2 key hashes, not 3");
    }

    @Test
    void webhookSecretsComeFromEnvironmentVariablesToo() {
        // ISO-8601 here: "5m" is Quarkus' own duration format, and no Quarkus runs in this test.
        WebhookConfig webhooks = config(Map.of("JUNCTION_WEBHOOKS_INBOUND_PAYMENTS_SECRETS", "s1,s2",
                "JUNCTION_WEBHOOKS_INBOUND_PAYMENTS_TOLERANCE", "PT5M",
                "JUNCTION_WEBHOOKS_OUTBOUND_SECRET", "s3")).getConfigMapping(WebhookConfig.class);

        assertThat(webhooks.inbound().get("payments").secrets().orElseThrow()).containsExactly("s1", "s2");
        assertThat(webhooks.outboundSecret()).hasValue("s3");
    }

    private static SmallRyeConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(environment, 300))
                .withMapping(ApiKeysConfig.class).withMapping(WebhookConfig.class).build();
    }

    private static String sha256Hex(String key) {
        return HexFormat.of().formatHex(ApiKeyClients.sha256(key));
    }
}
