package dev.junction.routetest;

/**
 * One expectation a case did not meet. {@code text} says it for people (it may run over several lines);
 * {@code expected} and {@code actual} are what an IDE puts side by side; {@code cause} is a failure worth its stack
 * trace (an exception the route did not expect to end with).
 */
public record Mismatch(String subject, String text, String expected, String actual, Throwable cause) {

    public Mismatch(String subject, String text, String expected, String actual) {
        this(subject, text, expected, actual, null);
    }
}
