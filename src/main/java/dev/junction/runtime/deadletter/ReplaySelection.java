package dev.junction.runtime.deadletter;

import java.util.List;

/**
 * The dead letters a bulk replay was asked for, in the order to replay them: by {@code ids} as given, or by
 * {@code filter} (then null for ids given) oldest failure first. {@code ids} holds at most one more than the limit it
 * was read with, so that the caller can tell "too many" without counting them all.
 */
public record ReplaySelection(List<String> ids, DeadLetterFilter filter, boolean force) {

    public ReplaySelection {
        ids = List.copyOf(ids);
    }
}
