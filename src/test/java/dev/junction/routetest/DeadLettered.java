package dev.junction.routetest;

/** A dead-letter channel took the case's message: where it sent it, and the failure it gave up on. */
public record DeadLettered(String deadLetterUri, Throwable failure) {
}
