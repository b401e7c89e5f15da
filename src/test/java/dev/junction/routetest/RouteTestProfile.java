package dev.junction.routetest;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application the route tests run in: the whole of Junction (every route, bean, placeholder and error handler)
 * with the real test services, plus the stubbing machinery ({@link RouteTestWiring}), which nothing else turns on.
 */
public class RouteTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("junction.route-tests.enabled", "true",
                // Where RouteTests finds the *.test.yaml files: beside the routes they test.
                "junction.route-tests.dir", "${junction.routes.dir}/tests");
    }
}
