package dev.junction.runtime.deadletter;

/** Where a dead letter stands. Only PENDING and REPLAY_FAILED ones wait for an operator. */
public enum DeadLetterStatus {

    PENDING,
    /** A replay is running right now; a second one is refused even when forced. */
    REPLAYING,
    REPLAYED,
    DISCARDED,
    REPLAY_FAILED;

    public boolean awaitsOperator() {
        return this == PENDING || this == REPLAY_FAILED;
    }
}
