package dev.junction.runtime.deadletter;

import java.time.OffsetDateTime;

/**
 * A dead letter as the store holds it, its message decrypted. {@code body} and {@code headersJson} are only filled in
 * by a single read.
 */
public record StoredDeadLetter(
        String id,
        String routeId,
        String endpointUri,
        String failedEndpoint,
        DeadLetterStatus status,
        int attempts,
        OffsetDateTime firstFailedAt,
        OffsetDateTime lastFailedAt,
        OffsetDateTime recordedAt,
        OffsetDateTime updatedAt,
        String exceptionClass,
        String exceptionMessage,
        String stackSummary,
        String discardReason,
        String discardedBy,
        byte[] body,
        boolean bodyText,
        String contentType,
        String headersJson,
        String correlationId,
        String messageKey) {
}
