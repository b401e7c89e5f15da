package dev.junction.routetest;

/**
 * One send a case made. {@code destination} is where the message really went (for a toD to Kafka the topic is in a
 * header, not in the endpoint URI); {@code endpointUri} is the Camel endpoint it was sent through.
 */
public record SentMessage(String destination, String endpointUri, MessageSnapshot message) {

    public boolean matches(UriPattern pattern) {
        return pattern.matches(destination) || pattern.matches(endpointUri);
    }
}
