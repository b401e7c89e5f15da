package dev.junction.runtime.deadletter;

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
 * @param messageKey  the Kafka record key (an order's id), plaintext so that operators can search by it; null
 *                    without one, and in journal entries written before
 * @param keyId       the key body and headersJson are encrypted with ({@link DeadLetterCrypto}); null while they are
 *                    plaintext: in memory, and in journal entries written before encryption
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
        String correlationId,
        String messageKey,
        String keyId) {

    /** The same dead letter with its message (body, headers) replaced: encrypted or decrypted. */
    public FailedMessage withMessage(byte[] newBody, String newHeadersJson, String newKeyId) {
        return new FailedMessage(id, replay, routeId, endpointUri, failedEndpoint, newBody, bodyText, contentType,
                newHeadersJson, exceptionClass, exceptionMessage, stackSummary, attempts, firstFailedAt, lastFailedAt,
                correlationId, messageKey, newKeyId);
    }
}
