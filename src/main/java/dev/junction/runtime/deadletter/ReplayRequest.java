package dev.junction.runtime.deadletter;

import java.util.Map;

/**
 * How to replay a dead letter: as it was, or with an edited body and/or headers (fix-and-replay). An edited body is
 * text, or base64 when {@code base64} is set; edited headers replace the stored ones. {@code force} replays one that
 * was replayed or discarded already. {@code by} is who asks for the replay (the operator's principal name), kept
 * with the dead letter's history.
 */
public record ReplayRequest(boolean force, String body, boolean base64, Map<String, Object> headers, String by) {

    /** The message as it was stored, unedited. */
    public static ReplayRequest asStored(boolean force, String by) {
        return new ReplayRequest(force, null, false, null, by);
    }

    public boolean edited() {
        return body != null || headers != null;
    }
}
