package dev.junction.routetest;

import java.util.Map;

/**
 * A message as it was at one moment (sent to an endpoint, or left by the route), kept as text so later changes to the
 * exchange cannot alter it. Header names are case-insensitive, as in Camel.
 */
public record MessageSnapshot(String body, Map<String, Object> headers) {
}
