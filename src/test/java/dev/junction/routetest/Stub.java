package dev.junction.routetest;

import java.util.List;
import java.util.Map;

/**
 * Stands in for the endpoints whose URI matches {@code uri} (a {@link UriPattern}): each send gets the next of the
 * answers, the last one again once they run out.
 */
public record Stub(String uri, List<Answer> answers) {

    /** Each answer is one of these. */
    public sealed interface Answer permits Reply, Failure {
    }

    /**
     * The send succeeds. Unset parts keep what the endpoint's component would leave: Kafka adds the record's metadata,
     * HTTP answers 200. {@code body} is text, or rows (a list of maps) as a SQL query returns them.
     */
    public record Reply(Integer status, Map<String, Object> headers, Object body) implements Answer {
    }

    /**
     * The send fails: with an exception of the given class and message, or, when {@code status} is set, the way
     * camel-http fails on an error status (HttpOperationFailedException with that status, headers and body).
     */
    public record Failure(String exception, String message, Integer status, Map<String, Object> headers,
            String body) implements Answer {
    }
}
