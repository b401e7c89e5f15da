package dev.junction.runtime.reload;

import java.time.Instant;
import java.util.List;

/**
 * What became of one route file change: the routes that run now, or why the previous version still runs.
 *
 * @param file the route file ({@code routes/x.yaml})
 * @param change what happened to the file on disk
 * @param ok true when the file's routes now run as the file says
 * @param problems {@code file:line: message} for each reason it was refused (empty when ok)
 * @param routes ids of the file's routes running after the reload (the previous ones when it failed)
 * @param at when the change was applied or refused
 * @param durationMs from noticing the change to the routes running (or the refusal)
 */
public record ReloadOutcome(String file, Change change, boolean ok, List<String> problems, List<String> routes,
        Instant at, long durationMs) {

    public enum Change {
        ADDED,
        CHANGED,
        DELETED
    }
}
