package dev.junction.runtime.ops;

/**
 * An operation's answer when it is not a plain 200: its status, and the resource it made at {@code location}
 * (sent as the Location header; null for none).
 */
public record OpsAnswer(int status, String location, Object body) {

    /** 202: the work was taken and goes on in the background; {@code location} is where to watch it. */
    public static OpsAnswer accepted(String location, Object body) {
        return new OpsAnswer(202, location, body);
    }
}
