package dev.junction.runtime.ops;

import java.time.OffsetDateTime;

/** One action in the operations audit: when, who (principal name), what, on which target, and how it went. */
public record AuditEntry(OffsetDateTime at, String actor, String action, String target, String detail) {
}
