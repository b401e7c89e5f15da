package dev.junction.routetest;

import java.util.List;

/**
 * One case of a test file: a message fed to a route, with some of the route's endpoints stubbed, and what must come
 * of it. {@code line} is where the case starts in its file, so failures and IDEs can point at it.
 */
public record RouteTestCase(String name, int line, String routeId, Input input, List<Stub> stubs,
        Expectations expect) {
}
