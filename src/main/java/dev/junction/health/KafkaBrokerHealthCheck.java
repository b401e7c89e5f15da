package dev.junction.health;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness that asks the Kafka cluster itself. Camel's producer health check only turns DOWN once a producer has
 * tried and failed to connect, so right after start against an unreachable broker it still says UP; this check
 * says DOWN from the first probe, with the reason.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerHealthCheck implements HealthCheck {

    private final String brokers;
    private final Duration timeout;
    private Admin admin;

    public KafkaBrokerHealthCheck(@ConfigProperty(name = "camel.component.kafka.brokers") String brokers,
            @ConfigProperty(name = "junction.health.kafka.timeout", defaultValue = "2s") Duration timeout) {
        this.brokers = brokers;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-brokers").withData("bootstrap.servers",
                brokers);
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions()
                    .timeoutMs((int) timeout.toMillis())).nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return response.status(!nodes.isEmpty()).withData("nodes", nodes.size()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        } catch (Exception e) {
            return response.down().withData("reason", "Kafka cluster not reachable within " + timeout.toMillis()
                    + " ms: " + (e.getCause() != null ? e.getCause() : e)).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "junction-health",
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
