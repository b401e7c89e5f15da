package dev.junction.runtime.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.StreamCache;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.junction.runtime.correlation.CorrelationIds;
import dev.junction.runtime.logging.UriSecrets;

/**
 * Turns an exchange that a dead-letter channel hands over into a {@link FailedMessage}: the message as it entered the
 * route (the error handlers use {@code useOriginalMessage}), why it failed and where, and its correlation id.
 * <p>
 * Headers are kept when they are plain values (text, numbers, booleans; byte arrays such as Kafka record headers when
 * they are UTF-8 text): replay has to give the route back what it read, such as {@code kafka.KEY}. Objects that only
 * mean something inside this process (Kafka's commit handle, ...) are dropped, and so are credentials: any header
 * named in {@code junction.dead-letter.redacted-headers} or whose name contains "password", "secret" or "token".
 * Endpoint URIs, header values and failure messages are masked the way Camel masks URIs in its own logs (passwords in
 * user info, password-like query parameters), since an exception often quotes the URI it failed on.
 */
@Singleton
public class FailureCapture {

    /** Set on a replayed exchange: the id of the dead letter it replays. */
    public static final String REPLAY_OF = "JunctionReplayOf";
    /** Set by a route before its dead-letter channel: the id its dead letter is found by (?key= in the API). */
    public static final String MESSAGE_KEY = "JunctionMessageKey";
    private static final List<String> SECRET_NAME_PARTS = List.of("password", "secret", "token");
    private static final int STACK_SUMMARY_LENGTH = 4000;
    private static final int FRAMES_PER_CAUSE = 5;
    // KafkaConstants.KEY, without depending on the Kafka component here.
    private static final String KAFKA_KEY = "kafka.KEY";
    private static final int MESSAGE_KEY_LENGTH = 255;

    private final ObjectMapper mapper;
    private final List<String> redactedHeaders;

    public FailureCapture(ObjectMapper mapper,
            @ConfigProperty(name = "junction.dead-letter.redacted-headers") List<String> redactedHeaders) {
        this.mapper = mapper;
        this.redactedHeaders = redactedHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    public FailedMessage capture(Exchange exchange) {
        Throwable failure = Optional.ofNullable(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                .map(FailureHeaders::unwrap).orElse(null);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        if (routeId == null) {
            routeId = exchange.getFromRouteId();
        }
        Route route = routeId == null ? null : exchange.getContext().getRoute(routeId);
        String replayOf = exchange.getProperty(REPLAY_OF, String.class);
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime firstFailedAt = FailedAttemptCounter.firstFailedAt(exchange);
        Object body = exchange.getMessage().getBody();
        byte[] bytes = bytes(exchange, body);
        return new FailedMessage(
                replayOf != null ? replayOf : UUID.randomUUID().toString(),
                replayOf != null,
                routeId != null ? routeId : "unknown",
                route != null ? UriSecrets.mask(route.getEndpoint().getEndpointUri()) : "unknown",
                UriSecrets.mask(exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class)),
                bytes,
                body instanceof CharSequence || (bytes != null && !(body instanceof byte[]) && isUtf8(bytes)),
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class),
                headersJson(exchange.getMessage().getHeaders()),
                failure != null ? failure.getClass().getName() : null,
                failure != null ? FailureHeaders.truncate(UriSecrets.mask(String.valueOf(failure.getMessage())))
                        : null,
                failure != null ? UriSecrets.mask(stackSummary(failure)) : null,
                Math.max(1, FailedAttemptCounter.attempts(exchange)),
                firstFailedAt != null ? firstFailedAt : now,
                now,
                CorrelationIds.of(exchange),
                messageKey(exchange),
                null);
    }

    /**
     * The key operators find the dead letter by, kept in plaintext: an id, never the message's content. The
     * {@value #MESSAGE_KEY} exchange property when a route sets it (a route fed over HTTP naming its order id),
     * otherwise the Kafka record key.
     */
    private static String messageKey(Exchange exchange) {
        Object key = exchange.getProperty(MESSAGE_KEY);
        if (key == null) {
            key = exchange.getMessage().getHeader(KAFKA_KEY);
        }
        String text = key instanceof byte[] raw ? (isUtf8(raw) ? new String(raw, StandardCharsets.UTF_8) : null)
                : key == null ? null : key.toString();
        return text == null ? null : text.length() <= MESSAGE_KEY_LENGTH ? text : text.substring(0, MESSAGE_KEY_LENGTH);
    }

    private static byte[] bytes(Exchange exchange, Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] raw) {
            return raw;
        }
        if (body instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        // A request body the route has read already (HTTP): stream caching (on by default) keeps it, from the start.
        if (body instanceof StreamCache cached) {
            cached.reset();
        }
        byte[] bytes = exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, body);
        if (body instanceof StreamCache cached) {
            cached.reset();
        }
        return bytes;
    }

    private String headersJson(Map<String, Object> headers) {
        Map<String, Object> kept = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (!isSecret(name) && !name.startsWith(FailureHeaders.PREFIX)) {
                Object plain = plainValue(value);
                if (plain != null) {
                    kept.put(name, plain);
                }
            }
        });
        try {
            return mapper.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Plain header values did not serialise", e);
        }
    }

    boolean isSecret(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return redactedHeaders.contains(name) || SECRET_NAME_PARTS.stream().anyMatch(name::contains);
    }

    private static Object plainValue(Object value) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value instanceof CharSequence ? UriSecrets.mask(value.toString()) : value;
        }
        if (value instanceof byte[] raw && isUtf8(raw)) {
            return UriSecrets.mask(new String(raw, StandardCharsets.UTF_8));
        }
        return null;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Each cause's class and message with its first frames: enough to tell failures apart in a list. */
    static String stackSummary(Throwable failure) {
        StringBuilder summary = new StringBuilder();
        for (Throwable t = failure; t != null && summary.length() < STACK_SUMMARY_LENGTH; t = t.getCause()) {
            if (t != failure) {
                summary.append("Caused by: ");
            }
            summary.append(t).append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES_PER_CAUSE, frames.length); i++) {
                summary.append("\tat ").append(frames[i]).append('\n');
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return summary.length() <= STACK_SUMMARY_LENGTH ? summary.toString()
                : summary.substring(0, STACK_SUMMARY_LENGTH);
    }
}
