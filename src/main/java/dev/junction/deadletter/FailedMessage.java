package dev.junction.deadletter;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A message a route's dead-letter channel gave up on, as captured from the exchange: what the store records, and
 * what the file journal keeps when the store cannot take it.
 *
 * @param id          the dead letter's id; for a failed replay, the id of the dead letter that was replayed
 * @param replay      whether this is a replay of dead letter {@code id} failing again (the store updates that one)
 * @param body        the message as it entered the route; null for an empty body
 * @param bodyText    the body was text (UTF-8), so replay hands the route a String again
 * @param headersJson the message headers as a JSON object, secrets removed
 * @param correlationId the correlation id of the exchange that failed; null in journal entries written before
 */
@RegisterForReflection // the journal writes and reads it with Jackson
public record FailedMessage(
        String id,
        boolean replay,
        String routeId,
        String endpointUri,
        String failedEndpoint,
        byte[] body,
        boolean bodyText,
        String contentType,
        String headersJson,
        String exceptionClass,
        String exceptionMessage,
        String stackSummary,
        int attempts,
        OffsetDateTime firstFailedAt,
        OffsetDateTime lastFailedAt,
        String correlationId) {
}
