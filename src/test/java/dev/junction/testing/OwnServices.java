package dev.junction.testing;

import java.util.List;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A test profile whose application gets the services it names instead of the {@link SharedServices}: a broker or
 * database of its own (to take down, to secure), or none where Junction is to start its own or find nothing. The
 * subclass names them, shared ones included, in its public no-argument constructor. Its settings, if any, are those
 * of a {@link PropertiesProfile}.
 */
public abstract class OwnServices extends PropertiesProfile {

    private final List<Class<? extends QuarkusTestResourceLifecycleManager>> services;

    @SafeVarargs
    protected OwnServices(Class<? extends QuarkusTestResourceLifecycleManager>... services) {
        this.services = List.of(services);
    }

    @Override
    protected boolean settingsFileRequired() {
        return false;
    }

    @Override
    public final boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public final List<TestResourceEntry> testResources() {
        return services.stream().map(TestResourceEntry::new).toList();
    }
}
