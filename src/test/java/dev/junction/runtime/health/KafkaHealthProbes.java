package dev.junction.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Runs Junction's kafka-brokers readiness check outside Quarkus, against a real broker, with the
 * {@code camel.component.kafka.*} settings a test gives it, as MicroProfile Config would hand them over.
 */
final class KafkaHealthProbes {

    // Room for a first connection on a busy 2-core machine; the cases that time out wait this long.
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private KafkaHealthProbes() {
    }

    /** One probe with a new check (and admin client), closed afterwards. */
    static HealthCheckResponse probe(String brokers, Map<String, String> camelKafkaOptions) {
        Map<String, String> properties = new HashMap<>();
        camelKafkaOptions.forEach((option, value) -> properties.put("camel.component.kafka." + option, value));
        KafkaBrokerHealthCheck check = new KafkaBrokerHealthCheck(brokers, TIMEOUT, new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build());
        try {
            return check.call();
        } finally {
            check.close();
        }
    }

    /** What /q/health shows of the check: its name, status and data. */
    static String shown(HealthCheckResponse response) {
        return response.getName() + " " + response.getStatus() + " " + response.getData().orElse(Map.of());
    }

    /** UP, having found at least one broker, connected with this security protocol. */
    static void assertUp(HealthCheckResponse response, String securityProtocol) {
        assertThat(response.getStatus()).as(shown(response)).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat((Long) data(response, "nodes")).isGreaterThanOrEqualTo(1);
        assertThat(data(response, "security.protocol")).isEqualTo(securityProtocol);
    }

    /** DOWN, its reason naming each of these. */
    static void assertDown(HealthCheckResponse response, String... reasonParts) {
        assertThat(response.getStatus()).as(shown(response)).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat((String) data(response, "reason")).contains(reasonParts);
    }

    static Object data(HealthCheckResponse response, String key) {
        return response.getData().orElse(Map.of()).get(key);
    }
}
