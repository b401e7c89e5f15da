package dev.junction.runtime.reload;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.quarkus.core.RegistryRoutesLoader;
import org.apache.camel.quarkus.main.CamelMainRoutesCollector;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.apache.camel.spi.Resource;

/**
 * Leaves the YAML files named by {@code camel.main.routes-include-pattern} to Junction ({@link RouteFiles}), which
 * validates them first and reloads them one file at a time, instead of Camel Main loading them unchecked. Camel Main
 * keeps collecting everything else: the Java routes, and route files in other languages.
 */
@ApplicationScoped
public class YamlRoutesHandover {

    void handOver(@Observes BeforeConfigure event) {
        BaseMainSupport main = event.getMain();
        if (main.getRoutesCollector() instanceof CamelMainRoutesCollector camels
                && !(camels instanceof WithoutYaml)) {
            main.setRoutesCollector(new WithoutYaml(camels.getRegistryRoutesLoader()));
        }
    }

    static boolean isYaml(String location) {
        return location.endsWith(".yaml") || location.endsWith(".yml");
    }

    private static final class WithoutYaml extends CamelMainRoutesCollector {

        WithoutYaml(RegistryRoutesLoader registryRoutesLoader) {
            super(registryRoutesLoader);
        }

        @Override
        public Collection<Resource> findRouteResourcesFromDirectory(CamelContext camel, String excludes,
                String includes) {
            return super.findRouteResourcesFromDirectory(camel, excludes, includes).stream()
                    .filter(resource -> !isYaml(resource.getLocation())).toList();
        }
    }
}
