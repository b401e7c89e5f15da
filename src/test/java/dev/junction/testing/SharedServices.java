package dev.junction.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real services every {@code @QuarkusTest} of the default test profile talks to, started once per test run and
 * shared, so the application starts once. A test profile that needs Junction's own embedded defaults instead
 * opts out with {@code disableGlobalTestResources()}.
 */
@QuarkusTestResource(KafkaTestResource.class)
public final class SharedServices {

    private SharedServices() {
    }
}
