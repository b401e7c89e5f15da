package dev.junction.routetest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a case expects. Anything left out is not checked, except two things that always are: the route must not end
 * with an exception unless {@code exception} expects one, and the message must not be dead-lettered unless
 * {@code deadLetter} says so.
 */
public record Expectations(Response response, List<Endpoint> endpoints, ExceptionExpectation exception,
        DeadLetter deadLetter) {

    /** The message after the route, as its caller gets it; {@code status} as platform-http would answer. */
    public record Response(Integer status, MessageExpectation message) {
    }

    /**
     * Messages sent to the endpoints matching {@code uri}: exactly {@code count} (when set), the first ones as
     * {@code messages} describe them (in order); with neither, at least one.
     */
    public record Endpoint(String uri, Integer count, List<MessageExpectation> messages) {
    }

    /**
     * A body (text, or JSON compared as JSON), texts the body contains, JSON-path values and headers; null or empty
     * parts are not checked. A header expected as null must be absent.
     */
    public record MessageExpectation(ExpectedBody body, List<String> bodyContains, Map<String, JsonNode> jsonPath,
            Map<String, Object> headers) {
    }

    /** An expected body: JSON ({@code json} set, compared as JSON) or text. */
    public record ExpectedBody(String text, JsonNode json) {
    }

    /** An exception of {@code type} (its class or a superclass, by name) whose message contains {@code message}. */
    public record ExceptionExpectation(String type, String message) {
    }

    /** Whether the message must be dead-lettered, and optionally for which exception. */
    public record DeadLetter(boolean expected, ExceptionExpectation exception) {

        public static final DeadLetter NOT_EXPECTED = new DeadLetter(false, null);
    }
}
