package dev.junction.runtime.deadletter;

/**
 * What became of a replay: the message went through ({@code REPLAYED}), failed again ({@code REPLAY_FAILED}, the
 * dead letter holds the new failure), or was not attempted ({@code NOT_FOUND}, {@code REFUSED}: detail says why).
 */
public record ReplayOutcome(String id, Result result, String detail) {

    public enum Result {
        REPLAYED,
        REPLAY_FAILED,
        NOT_FOUND,
        REFUSED
    }
}
