package dev.junction.deadletter;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which dead letters an operator means; every part optional. {@code exception} matches part of the exception class
 * name, ignoring case; {@code from}/{@code to} bound the last failure time (from inclusive, to exclusive);
 * {@code correlationId} is the whole id.
 */
public record DeadLetterFilter(String route, List<DeadLetterStatus> statuses, String exception, OffsetDateTime from,
        OffsetDateTime to, String correlationId) {

    public DeadLetterFilter {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** The SQL condition, with its parameters added to {@code params} in order. */
    String where(List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (route != null) {
            conditions.add("route_id = ?");
            params.add(route);
        }
        if (!statuses.isEmpty()) {
            conditions.add("status IN (" + String.join(", ", statuses.stream().map(s -> "?").toList()) + ")");
            statuses.forEach(s -> params.add(s.name()));
        }
        if (exception != null) {
            conditions.add("LOWER(exception_class) LIKE ?");
            params.add("%" + exception.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "\\_") + "%");
        }
        if (from != null) {
            conditions.add("last_failed_at >= ?");
            params.add(from);
        }
        if (to != null) {
            conditions.add("last_failed_at < ?");
            params.add(to);
        }
        if (correlationId != null) {
            conditions.add("correlation_id = ?");
            params.add(correlationId);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
