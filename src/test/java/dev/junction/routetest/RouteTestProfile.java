package dev.junction.routetest;

import dev.junction.testing.PropertiesProfile;

/**
 * The application the route tests run in: the whole of Junction (every route, bean, placeholder and error handler)
 * with the real test services, plus the stubbing machinery ({@link RouteTestWiring}), which nothing else turns on.
 * Its settings: profiles/RouteTestProfile.properties.
 */
public class RouteTestProfile extends PropertiesProfile {
}
