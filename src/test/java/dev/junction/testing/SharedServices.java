package dev.junction.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real services every {@code @QuarkusTest} of the default test profile talks to: Kafka, PostgreSQL and the
 * inventory service, started once per test run and shared, so the application starts once. A test profile that needs
 * Junction's own embedded defaults or an unreachable broker instead extends {@link OwnServices} and names what it
 * still needs.
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(InventoryTestResource.class)
public final class SharedServices {

    private SharedServices() {
    }
}
