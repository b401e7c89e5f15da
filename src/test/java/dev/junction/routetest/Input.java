package dev.junction.routetest;

import java.nio.file.Path;
import java.util.Map;

/**
 * The message a case feeds to its route: the body as text or as a file (at most one of them), headers, and the
 * exchange variables a calling route would have set (Junction's routes pass route-local facts in variables).
 */
public record Input(String body, Path bodyFile, Map<String, Object> headers, Map<String, Object> variables) {

    public static Input empty() {
        return new Input(null, null, Map.of(), Map.of());
    }
}
