package dev.junction.runtime.deadletter;

import java.time.OffsetDateTime;

/**
 * One replay of a dead letter and how it ended ({@code REPLAYED} or {@code REPLAY_FAILED}); {@code by} is who asked
 * for it (null for replays from before that was recorded).
 */
public record Replay(int replayNo, OffsetDateTime replayedAt, DeadLetterStatus outcome, boolean forced,
        boolean edited, String exceptionClass, String exceptionMessage, String by) {
}
