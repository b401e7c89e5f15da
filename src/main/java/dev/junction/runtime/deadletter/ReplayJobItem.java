package dev.junction.runtime.deadletter;

import dev.junction.runtime.deadletter.ReplayOutcome.Result;

/** One dead letter of a replay job, at its place in the job's order; {@code outcome} null until it is done. */
public record ReplayJobItem(int position, String deadLetterId, Result outcome, String detail) {
}
