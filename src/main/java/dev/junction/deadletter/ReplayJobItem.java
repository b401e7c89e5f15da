package dev.junction.deadletter;

import dev.junction.deadletter.ReplayOutcome.Result;

/** One dead letter of a replay job, at its place in the job's order; {@code outcome} null until it is done. */
public record ReplayJobItem(int position, String deadLetterId, Result outcome, String detail) {
}
