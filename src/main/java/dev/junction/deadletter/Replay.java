package dev.junction.deadletter;

import java.time.OffsetDateTime;

/** One replay of a dead letter and how it ended ({@code REPLAYED} or {@code REPLAY_FAILED}). */
public record Replay(int replayNo, OffsetDateTime replayedAt, DeadLetterStatus outcome, boolean forced,
        boolean edited, String exceptionClass, String exceptionMessage) {
}
