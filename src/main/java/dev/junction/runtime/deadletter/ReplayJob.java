package dev.junction.runtime.deadletter;

import java.time.OffsetDateTime;
import java.util.Map;

import dev.junction.runtime.deadletter.ReplayOutcome.Result;

/**
 * A replay job as stored: who asked for it and when, how it went so far. {@code filterJson} is the filter its dead
 * letters were picked by (null when given by id); {@code resumes} says how many times a replica took it over from one
 * that went; {@code outcomes} counts its items done, by outcome.
 */
public record ReplayJob(String id, ReplayJobStatus status, String requestedBy, OffsetDateTime requestedAt,
        OffsetDateTime startedAt, OffsetDateTime finishedAt, boolean force, String filterJson, int total,
        int resumes, Map<Result, Integer> outcomes) {

    public ReplayJob {
        outcomes = Map.copyOf(outcomes);
    }

    public ReplayJob withOutcomes(Map<Result, Integer> counted) {
        return new ReplayJob(id, status, requestedBy, requestedAt, startedAt, finishedAt, force, filterJson, total,
                resumes, counted);
    }

    public int done() {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(Result result) {
        return outcomes.getOrDefault(result, 0);
    }
}
