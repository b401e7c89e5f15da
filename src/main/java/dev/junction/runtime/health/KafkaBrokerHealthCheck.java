package dev.junction.runtime.health;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.junction.runtime.kafka.CamelKafkaSecurity;

/**
 * Readiness that asks the Kafka cluster itself. Camel's producer health check only turns DOWN once a producer has
 * tried and failed to connect, so right after start against an unreachable broker it still says UP; this check
 * says DOWN from the first probe, with the reason.
 * <p>
 * Its admin client connects with the security settings Camel's Kafka component is configured with (TLS, SASL), so
 * that it answers for the cluster as Camel's producers and consumers see it. The response names the security
 * protocol but never a password or the JAAS configuration, and reasons are masked in case an error quotes one.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerHealthCheck implements HealthCheck {

    private final String brokers;
    private final Duration timeout;
    private final CamelKafkaSecurity security;
    private Admin admin;

    public KafkaBrokerHealthCheck(@ConfigProperty(name = "camel.component.kafka.brokers") String brokers,
            @ConfigProperty(name = "junction.health.kafka.timeout", defaultValue = "2s") Duration timeout,
            Config config) {
        this.brokers = brokers;
        this.timeout = timeout;
        this.security = CamelKafkaSecurity.from(config);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-brokers")
                .withData("bootstrap.servers", brokers).withData("security.protocol", security.protocol());
        Admin client;
        try {
            client = admin();
        } catch (RuntimeException e) {
            // A truststore that cannot be read, a JAAS configuration that does not parse: Camel's clients fail on
            // the same settings, so this is DOWN too, but it is not the cluster's fault.
            return down(response, "Kafka client cannot be created from the camel.component.kafka.* settings: "
                    + causes(e));
        }
        try {
            Collection<Node> nodes = client.describeCluster(new DescribeClusterOptions()
                    .timeoutMs((int) timeout.toMillis())).nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return response.status(!nodes.isEmpty()).withData("nodes", nodes.size()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof AuthenticationException) {
                // Wrong credentials or a certificate not trusted: the cluster is there, waiting would not help.
                return down(response, "Kafka cluster refused the connection (" + security.protocol() + "): "
                        + causes(cause));
            }
            if (cause instanceof AuthorizationException) {
                return down(response, "Kafka cluster denied describing itself to this client: " + causes(cause));
            }
            return down(response, "Kafka cluster not reachable within " + timeout.toMillis() + " ms: " + cause);
        }
    }

    private HealthCheckResponse down(HealthCheckResponseBuilder response, String reason) {
        return response.down().withData("reason", security.mask(reason)).build();
    }

    // The exception and what caused it, one line: "SSL handshake failed" alone does not say which certificate check.
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e));
        Throwable cause = e.getCause();
        // A few levels are enough to reach the JDK's own message; the limit also guards against cause cycles.
        for (int level = 0; cause != null && level < 5; level++, cause = cause.getCause()) {
            // The JDK's TLS exceptions repeat their cause's message; once is enough.
            if (cause.getMessage() == null || !text.toString().contains(cause.getMessage())) {
                text.append("; caused by ").append(cause);
            }
        }
        return text.toString();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> properties = new HashMap<>(security.clientProperties());
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "junction-health");
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            admin = Admin.create(properties);
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
