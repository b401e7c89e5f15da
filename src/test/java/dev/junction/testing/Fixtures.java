package dev.junction.testing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The test helpers as beans of the application under test, so a {@code @QuarkusTest} injects the ones it uses
 * ({@code @Inject KafkaTopics topics;}) instead of building them in a {@code @BeforeEach}. Each lives as long as the
 * Quarkus application it talks to: a test profile with a broker or database of its own gets helpers of its own, and
 * the topics' admin client is closed when that application stops. Created on first injection only, so a profile
 * without Kafka or PostgreSQL is not touched.
 */
@Singleton
public class Fixtures {

    // Read when first injected, not declared as a @ConfigProperty: a profile without kafka.bootstrap.servers (Junction
    // starts its own broker) would not start.
    @Produces
    @Singleton
    KafkaTopics topics() {
        return KafkaTopics.ofApplication();
    }

    void closeTopics(@Disposes KafkaTopics topics) {
        topics.close();
    }

    @Produces
    @Singleton
    Rows rows(AgroalDataSource dataSource) {
        return new Rows(dataSource);
    }

    @Produces
    @Singleton
    DeadLetters deadLetters(Rows rows) {
        return new DeadLetters(rows);
    }

    @Produces
    @Singleton
    Inventory inventory() {
        return Inventory.ofApplication();
    }

    @Produces
    @Singleton
    FailingOrders failingOrders(KafkaTopics topics, Inventory inventory, DeadLetters deadLetters) {
        return new FailingOrders(topics, inventory, deadLetters);
    }
}
