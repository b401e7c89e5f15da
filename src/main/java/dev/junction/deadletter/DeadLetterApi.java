package dev.junction.deadletter;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.junction.json.JsonReadLimits;
import dev.junction.ops.OpsException;

/**
 * The operations API's dead-letter resources (routes in {@link DeadLetterApiRoutes}): reads the request from the
 * exchange, answers JSON in the exchange's body. Errors are {@link OpsException}s, answered as problem bodies.
 */
@ApplicationScoped
public class DeadLetterApi {

    private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {
    };
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;
    private static final List<String> FILTER_FIELDS = List.of("route", "status", "exception", "from", "to",
            "correlationId");

    private final DeadLetterStore store;
    private final DeadLetterReplayer replayer;
    private final DeadLetterMetrics metrics;
    private final ObjectMapper mapper;
    private final int maxReplayBatch;

    public DeadLetterApi(DeadLetterStore store, DeadLetterReplayer replayer, DeadLetterMetrics metrics,
            ObjectMapper mapper, @ConfigProperty(name = "junction.dead-letter.replay.max-batch") int maxReplayBatch) {
        this.store = store;
        this.replayer = replayer;
        this.metrics = metrics;
        this.mapper = mapper;
        this.maxReplayBatch = maxReplayBatch;
    }

    /** GET /api/ops/dead-letters?route=&status=&exception=&from=&to=&correlationId=&offset=&limit= */
    public Object list(Exchange exchange) throws SQLException {
        int offset = intParam(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(exchange, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        DeadLetterStore.Page page = store.list(filter(exchange), offset, limit);
        ObjectNode answer = mapper.createObjectNode();
        ArrayNode items = answer.putArray("items");
        page.items().forEach(d -> items.add(summary(d)));
        answer.put("total", page.total()).put("offset", offset).put("limit", limit);
        return answer.toString();
    }

    /** GET /api/ops/dead-letters/{id} */
    public Object get(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        StoredDeadLetter deadLetter = store.find(id).orElseThrow(() -> notFound(id));
        ObjectNode answer = summary(deadLetter);
        answer.put("stackSummary", deadLetter.stackSummary());
        answer.put("contentType", deadLetter.contentType());
        byte[] body = deadLetter.body();
        if (body == null) {
            answer.put("bodyEncoding", "text").putNull("body");
        } else if (isText(deadLetter)) {
            answer.put("bodyEncoding", "text").put("body", new String(body, StandardCharsets.UTF_8));
        } else {
            answer.put("bodyEncoding", "base64").put("body", Base64.getEncoder().encodeToString(body));
        }
        answer.set("headers", mapper.readTree(deadLetter.headersJson()));
        ArrayNode replays = answer.putArray("replays");
        for (Replay replay : store.replays(id)) {
            ObjectNode node = replays.addObject().put("replayNo", replay.replayNo())
                    .put("replayedAt", replay.replayedAt().toString()).put("outcome", replay.outcome().name())
                    .put("forced", replay.forced()).put("edited", replay.edited());
            if (replay.exceptionClass() != null) {
                node.putObject("exception").put("class", replay.exceptionClass())
                        .put("message", replay.exceptionMessage());
            }
        }
        return answer.toString();
    }

    /**
     * POST /api/ops/dead-letters/{id}/replay, body optional:
     * {@code {"force": false, "body": "...", "bodyEncoding": "text|base64", "headers": {...}}}
     */
    public Object replay(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        JsonNode request = requestBody(exchange, "force", "body", "bodyEncoding", "headers");
        requireType(request, "force", JsonNode::isBoolean, "true or false");
        requireType(request, "body", JsonNode::isTextual, "a string");
        requireType(request, "bodyEncoding", JsonNode::isTextual, "a string");
        Map<String, Object> headers = null;
        if (request.hasNonNull("headers")) {
            if (!request.get("headers").isObject()) {
                throw badRequest("headers must be a JSON object of header names to values");
            }
            headers = mapper.convertValue(request.get("headers"), HEADERS);
        }
        String encoding = request.path("bodyEncoding").asText("text");
        if (!encoding.equals("text") && !encoding.equals("base64")) {
            throw badRequest("bodyEncoding must be text or base64");
        }
        String body = request.hasNonNull("body") ? request.get("body").asText() : null;
        if (body != null && encoding.equals("base64")) {
            try {
                Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw badRequest("body is not valid base64: " + e.getMessage());
            }
        }
        ReplayOutcome outcome = replayer.replay(id,
                new ReplayRequest(request.path("force").asBoolean(false), body, encoding.equals("base64"), headers));
        switch (outcome.result()) {
            case NOT_FOUND -> throw notFound(id);
            case REFUSED -> throw new OpsException(409, "Replay refused", outcome.detail());
            default -> {
                return outcome(outcome).toString();
            }
        }
    }

    /**
     * POST /api/ops/dead-letters/replay: {@code {"ids": [...]}} or {@code {"filter": {route, status, exception, from,
     * to, correlationId}}}, plus {@code "force"}; at most junction.dead-letter.replay.max-batch at a time.
     */
    public Object replayMany(Exchange exchange) throws Exception {
        JsonNode request = requestBody(exchange, "ids", "filter", "force");
        requireType(request, "force", JsonNode::isBoolean, "true or false");
        boolean force = request.path("force").asBoolean(false);
        List<String> ids = new ArrayList<>();
        if (request.has("ids") && request.has("filter")) {
            throw badRequest("Give either \"ids\" or \"filter\", not both");
        }
        if (request.path("ids").isArray()) {
            for (JsonNode id : request.get("ids")) {
                if (!id.isTextual()) {
                    throw badRequest("ids must be an array of dead-letter ids (strings), not " + id);
                }
                ids.add(id.asText());
            }
        } else if (request.path("filter").isObject()) {
            JsonNode filter = request.get("filter");
            requireOnly(filter, "filter", FILTER_FIELDS);
            for (String field : FILTER_FIELDS) {
                requireType(filter, field, JsonNode::isTextual, "a string");
            }
            List<DeadLetterStatus> statuses = filter.hasNonNull("status")
                    ? statuses(filter.get("status").asText())
                    : List.of(DeadLetterStatus.PENDING, DeadLetterStatus.REPLAY_FAILED);
            ids.addAll(store.ids(new DeadLetterFilter(text(filter, "route"), statuses, text(filter, "exception"),
                    time(text(filter, "from"), "from"), time(text(filter, "to"), "to"), text(filter, "correlationId")),
                    maxReplayBatch + 1));
        } else {
            throw badRequest("Give the dead letters to replay as \"ids\" (an array) or \"filter\" (an object)");
        }
        if (ids.size() > maxReplayBatch) {
            throw new OpsException(422, "Too many dead letters for one request", "At most " + maxReplayBatch
                    + " are replayed per request (junction.dead-letter.replay.max-batch); narrow the filter or page"
                    + " through the ids");
        }
        List<ReplayOutcome> outcomes = replayer.replayAll(ids, force);
        ObjectNode answer = mapper.createObjectNode();
        answer.put("requested", ids.size());
        for (ReplayOutcome.Result result : ReplayOutcome.Result.values()) {
            answer.put(camelCase(result.name()), outcomes.stream().filter(o -> o.result() == result).count());
        }
        ArrayNode results = answer.putArray("results");
        outcomes.forEach(o -> results.add(outcome(o)));
        return answer.toString();
    }

    /** POST /api/ops/dead-letters/{id}/discard with {@code {"reason": "..."}} */
    public Object discard(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        JsonNode request = requestBody(exchange, "reason");
        requireType(request, "reason", JsonNode::isTextual, "a string");
        String reason = text(request, "reason");
        if (reason == null || reason.isBlank()) {
            throw badRequest("Say why the dead letter is discarded: {\"reason\": \"...\"}");
        }
        StoredDeadLetter deadLetter = store.find(id).orElseThrow(() -> notFound(id));
        if (!store.discard(id, reason)) {
            throw new OpsException(409, "Discard refused", "Dead letter " + id + " is "
                    + store.status(id).map(Enum::name).orElse("gone") + "; only PENDING and REPLAY_FAILED ones can be"
                    + " discarded");
        }
        metrics.discarded(deadLetter.routeId());
        metrics.refreshPending();
        return summary(store.find(id).orElseThrow(() -> notFound(id))).toString();
    }

    private ObjectNode summary(StoredDeadLetter d) {
        ObjectNode node = mapper.createObjectNode().put("id", d.id()).put("correlationId", d.correlationId())
                .put("route", d.routeId())
                .put("endpoint", d.endpointUri()).put("failedEndpoint", d.failedEndpoint())
                .put("status", d.status().name()).put("attempts", d.attempts())
                .put("firstFailedAt", d.firstFailedAt().toString()).put("lastFailedAt", d.lastFailedAt().toString())
                .put("recordedAt", d.recordedAt().toString()).put("updatedAt", d.updatedAt().toString());
        node.putObject("exception").put("class", d.exceptionClass()).put("message", d.exceptionMessage());
        if (d.discardReason() != null) {
            node.put("discardReason", d.discardReason());
        }
        return node;
    }

    private ObjectNode outcome(ReplayOutcome outcome) {
        return mapper.createObjectNode().put("id", outcome.id()).put("outcome", outcome.result().name())
                .put("detail", outcome.detail());
    }

    private static boolean isText(StoredDeadLetter d) {
        if (d.bodyText()) {
            return true;
        }
        String type = d.contentType() == null ? "" : d.contentType().toLowerCase(Locale.ROOT);
        boolean textualType = type.startsWith("text/") || type.contains("json") || type.contains("xml");
        return textualType && FailureCapture.isUtf8(d.body());
    }

    private DeadLetterFilter filter(Exchange exchange) {
        String status = exchange.getMessage().getHeader("status", String.class);
        return new DeadLetterFilter(exchange.getMessage().getHeader("route", String.class),
                status == null ? List.of() : statuses(status),
                exchange.getMessage().getHeader("exception", String.class),
                time(exchange.getMessage().getHeader("from", String.class), "from"),
                time(exchange.getMessage().getHeader("to", String.class), "to"),
                exchange.getMessage().getHeader("correlationId", String.class));
    }

    private static List<DeadLetterStatus> statuses(String commaSeparated) {
        try {
            return Arrays.stream(commaSeparated.split(",")).map(String::trim)
                    .map(s -> DeadLetterStatus.valueOf(s.toUpperCase(Locale.ROOT))).toList();
        } catch (IllegalArgumentException e) {
            throw badRequest("status must be one or more (comma separated) of "
                    + Arrays.toString(DeadLetterStatus.values()) + ", not " + commaSeparated);
        }
    }

    private static OffsetDateTime time(String value, String name) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw badRequest(name + " must be an ISO-8601 time with offset, e.g. 2026-11-25T10:00:00Z, not " + value);
        }
    }

    private static int intParam(Exchange exchange, String name, int defaultValue, int min, int max) {
        String value = exchange.getMessage().getHeader(name, String.class);
        try {
            int parsed = value == null ? defaultValue : Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw badRequest(name + " must be a whole number from " + min + " to " + max + ", not " + value);
        }
    }

    /**
     * The request's JSON object, with none but the given fields: a misspelt or invented key ({@code "routee"},
     * {@code "sql"}) would otherwise be ignored, and a filter that narrows nothing replays everything.
     */
    private JsonNode requestBody(Exchange exchange, String... fields) {
        JsonNode request = requestBody(exchange);
        requireOnly(request, "the request body", List.of(fields));
        return request;
    }

    private static void requireOnly(JsonNode object, String where, List<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw badRequest("Unknown field \"" + name + "\" in " + where + "; the fields are "
                        + String.join(", ", allowed));
            }
        }
    }

    private static void requireType(JsonNode object, String field, Predicate<JsonNode> type, String expected) {
        JsonNode value = object.get(field);
        if (value != null && !value.isNull() && !type.test(value)) {
            throw badRequest(field + " must be " + expected + ", not " + value);
        }
    }

    private JsonNode requestBody(Exchange exchange) {
        // A form post (curl -d without a Content-Type) reaches the route as form fields with an empty body: an edit
        // silently dropped would replay the original, so anything but JSON is refused.
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new OpsException(415, "Unsupported media type",
                    "Send the request body as JSON, with Content-Type: application/json (not " + contentType + ")");
        }
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode parsed = mapper.readTree(body);
            if (!parsed.isObject()) {
                throw badRequest("The request body must be a JSON object");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw badRequest("The request body is not JSON: " + JsonReadLimits.describe(e));
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String camelCase(String constant) {
        String[] words = constant.toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    private static OpsException notFound(String id) {
        return new OpsException(404, "No such dead letter", "No dead letter " + id);
    }

    private static OpsException badRequest(String detail) {
        return new OpsException(400, "Bad request", detail);
    }
}
