package dev.junction.routetest;

import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.EndpointStrategy;

/**
 * Makes every endpoint the application creates stubbable, except those that only hand messages on inside the
 * application, listen for them, or count them: a stub there would cut a route off from the route it calls, from its
 * HTTP listener or its schedule, and Camel finds some of their consumers by the endpoint's class. Sends to those are
 * still recorded ({@link SendRecorder}).
 */
final class EndpointStubbing implements EndpointStrategy {

    static final Set<String> UNTOUCHED = Set.of("direct", "seda", "vm", "rest", "rest-api", "platform-http", "timer",
            "quartz", "cron", "scheduler", "master", "kamelet", "bean", "class", "log", "micrometer", "mock", "stub");

    private final StubbedSends sends;

    EndpointStubbing(StubbedSends sends) {
        this.sends = sends;
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        if (endpoint instanceof StubbedEndpoint || UNTOUCHED.contains(scheme(endpoint.getEndpointUri()))) {
            return endpoint;
        }
        return new StubbedEndpoint(endpoint, sends);
    }

    private static String scheme(String uri) {
        int colon = uri.indexOf(':');
        return colon < 0 ? uri : uri.substring(0, colon);
    }
}
