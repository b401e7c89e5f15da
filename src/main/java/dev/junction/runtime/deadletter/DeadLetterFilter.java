package dev.junction.runtime.deadletter;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.junction.runtime.ops.OpsRequests;

/**
 * Which dead letters an operator means; every part optional. {@code exception} matches part of the exception class
 * name, ignoring case; {@code from}/{@code to} bound the last failure time (from inclusive, to exclusive);
 * {@code correlationId} is the whole id; {@code key} the whole Kafka record key (an order's id), the one part of a
 * dead letter's message kept searchable: body and headers are encrypted.
 */
public record DeadLetterFilter(String route, List<DeadLetterStatus> statuses, String exception, OffsetDateTime from,
        OffsetDateTime to, String correlationId, String key) {

    public DeadLetterFilter {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** The filter in the request's own field names, only the parts it has: what a replay job shows it was given. */
    public Map<String, String> parts() {
        Map<String, String> parts = new LinkedHashMap<>();
        putIfSet(parts, "route", route);
        putIfSet(parts, "status", statuses.isEmpty() ? null
                : String.join(",", statuses.stream().map(DeadLetterStatus::name).toList()));
        putIfSet(parts, "exception", exception);
        putIfSet(parts, "from", from == null ? null : from.toString());
        putIfSet(parts, "to", to == null ? null : to.toString());
        putIfSet(parts, "correlationId", correlationId);
        putIfSet(parts, "key", key);
        return parts;
    }

    private static void putIfSet(Map<String, String> parts, String name, String value) {
        if (value != null) {
            parts.put(name, value);
        }
    }

    /** Statuses as an operator writes them: comma separated, any case. A wrong one is a bad request. */
    static List<DeadLetterStatus> statuses(String commaSeparated) {
        try {
            return Arrays.stream(commaSeparated.split(",")).map(String::trim)
                    .map(s -> DeadLetterStatus.valueOf(s.toUpperCase(Locale.ROOT))).toList();
        } catch (IllegalArgumentException e) {
            throw OpsRequests.badRequest("status must be one or more (comma separated) of "
                    + Arrays.toString(DeadLetterStatus.values()) + ", not " + commaSeparated);
        }
    }

    /** An ISO-8601 time with offset, or null; {@code name} says which parameter it was when it is wrong. */
    static OffsetDateTime time(String value, String name) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw OpsRequests.badRequest(name + " must be an ISO-8601 time with offset, e.g. 2026-11-25T10:00:00Z,"
                    + " not " + value);
        }
    }

    /** The SQL condition, with its parameters added to {@code params} in order. */
    String where(List<Object> params) {
        List<String> conditions = new ArrayList<>();
        addIfSet(conditions, params, "route_id = ?", route);
        if (!statuses.isEmpty()) {
            conditions.add("status IN (" + String.join(", ", statuses.stream().map(s -> "?").toList()) + ")");
            statuses.forEach(s -> params.add(s.name()));
        }
        if (exception != null) {
            conditions.add("LOWER(exception_class) LIKE ?");
            params.add("%" + exception.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "\\_") + "%");
        }
        addIfSet(conditions, params, "last_failed_at >= ?", from);
        addIfSet(conditions, params, "last_failed_at < ?", to);
        addIfSet(conditions, params, "correlation_id = ?", correlationId);
        addIfSet(conditions, params, "message_key = ?", key);
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** A condition with one parameter, for a part of the filter that is set. */
    private static void addIfSet(List<String> conditions, List<Object> params, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
    }
}
