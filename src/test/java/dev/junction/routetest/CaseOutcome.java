package dev.junction.routetest;

import java.util.List;

/**
 * What came of a case's message: the message after the route and the HTTP status a platform-http caller would get,
 * the exception the route ended with (null if none), every send the message made, and its dead-lettering.
 */
public record CaseOutcome(MessageSnapshot response, int status, Throwable exception, List<SentMessage> sent,
        List<DeadLettered> deadLetters) {
}
