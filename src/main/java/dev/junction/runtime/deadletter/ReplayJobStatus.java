package dev.junction.runtime.deadletter;

/**
 * Where a replay job is: waiting for its replica's runner ({@code QUEUED}), replaying ({@code RUNNING}), through all
 * its dead letters ({@code DONE}), or stopped before that because its replica stopped or died ({@code INTERRUPTED}).
 */
public enum ReplayJobStatus {
    QUEUED,
    RUNNING,
    DONE,
    INTERRUPTED
}
