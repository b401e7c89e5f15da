package dev.junction.runtime.deadletter;

import static dev.junction.runtime.ops.OpsRequests.badRequest;
import static dev.junction.runtime.ops.OpsRequests.intParam;
import static dev.junction.runtime.ops.OpsRequests.requireType;
import static dev.junction.runtime.ops.OpsRequests.text;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.junction.runtime.ops.OpsAudit;
import dev.junction.runtime.ops.OpsException;
import dev.junction.runtime.ops.OpsRequests;

/**
 * The operations API's dead-letter resources (routes in {@link DeadLetterApiRoutes}): reads the request from the
 * exchange, answers JSON in the exchange's body. Errors are {@link OpsException}s, answered as problem bodies.
 */
@ApplicationScoped
public class DeadLetterResources {

    private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {
    };
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    private final DeadLetterStore store;
    private final DeadLetterReplayer replayer;
    private final DeadLetterMetrics metrics;
    private final OpsRequests requests;
    private final ReplaySelections selections;
    private final OpsAudit audit;
    private final ObjectMapper mapper;
    private final int maxReplayBatch;

    public DeadLetterResources(DeadLetterStore store, DeadLetterReplayer replayer, DeadLetterMetrics metrics,
            OpsRequests requests, ReplaySelections selections, OpsAudit audit, ObjectMapper mapper,
            @ConfigProperty(name = "junction.dead-letter.replay.max-batch") int maxReplayBatch) {
        this.store = store;
        this.replayer = replayer;
        this.metrics = metrics;
        this.requests = requests;
        this.selections = selections;
        this.audit = audit;
        this.mapper = mapper;
        this.maxReplayBatch = maxReplayBatch;
    }

    /** GET /api/ops/dead-letters?route=&status=&exception=&from=&to=&correlationId=&key=&offset=&limit= */
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
        StoredDeadLetter deadLetter;
        try {
            deadLetter = store.find(id).orElseThrow(() -> notFound(id));
        } catch (DeadLetterDecryptionException e) {
            throw new OpsException(500, "Dead letter cannot be decrypted", e.getMessage());
        }
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
                    .put("forced", replay.forced()).put("edited", replay.edited()).put("by", replay.by());
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
        JsonNode request = requests.body(exchange, "force", "body", "bodyEncoding", "headers");
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
        ReplayRequest replay = new ReplayRequest(request.path("force").asBoolean(false), body,
                encoding.equals("base64"), headers, OpsAudit.actor(exchange));
        ReplayOutcome outcome = replayer.replay(id, replay);
        switch (outcome.result()) {
            case NOT_FOUND -> throw notFound(id);
            case REFUSED -> throw new OpsException(409, "Replay refused", outcome.detail());
            default -> {
                audit.record(exchange, "replay-dead-letter", id, outcome.result() + ", edited "
                        + (replay.edited() ? "yes" : "no") + ", forced " + (replay.force() ? "yes" : "no"));
                return outcome(outcome).toString();
            }
        }
    }

    /**
     * POST /api/ops/dead-letters/replay: {@code {"ids": [...]}} or {@code {"filter": {route, status, exception, from,
     * to, correlationId, key}}}, plus {@code "force"}; at most junction.dead-letter.replay.max-batch at a time.
     */
    public Object replayMany(Exchange exchange) throws Exception {
        ReplaySelection selection = selections.read(exchange, maxReplayBatch);
        List<String> ids = selection.ids();
        if (ids.size() > maxReplayBatch) {
            throw new OpsException(422, "Too many dead letters for one request", "At most " + maxReplayBatch
                    + " are replayed per request (junction.dead-letter.replay.max-batch); narrow the filter, page"
                    + " through the ids, or start a replay job (POST /api/ops/replay-jobs)");
        }
        List<ReplayOutcome> outcomes = replayer.replayAll(ids, selection.force(), OpsAudit.actor(exchange));
        audit.record(exchange, "replay-dead-letters", null, selections.describe(selection) + ": " + outcomes.stream()
                .filter(o -> o.result() == ReplayOutcome.Result.REPLAYED).count() + " replayed");
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
        JsonNode request = requests.body(exchange, "reason");
        requireType(request, "reason", JsonNode::isTextual, "a string");
        String reason = text(request, "reason");
        if (reason == null || reason.isBlank()) {
            throw badRequest("Say why the dead letter is discarded: {\"reason\": \"...\"}");
        }
        StoredDeadLetter deadLetter = store.find(id).orElseThrow(() -> notFound(id));
        if (!store.discard(id, reason, OpsAudit.actor(exchange))) {
            throw new OpsException(409, "Discard refused", "Dead letter " + id + " is "
                    + store.status(id).map(Enum::name).orElse("gone") + "; only PENDING and REPLAY_FAILED ones can be"
                    + " discarded");
        }
        metrics.discarded(deadLetter.routeId());
        metrics.refreshPending();
        audit.record(exchange, "discard-dead-letter", id, reason);
        return summary(store.find(id).orElseThrow(() -> notFound(id))).toString();
    }

    private ObjectNode summary(StoredDeadLetter d) {
        ObjectNode node = mapper.createObjectNode().put("id", d.id()).put("correlationId", d.correlationId())
                .put("key", d.messageKey())
                .put("route", d.routeId())
                .put("endpoint", d.endpointUri()).put("failedEndpoint", d.failedEndpoint())
                .put("status", d.status().name()).put("attempts", d.attempts())
                .put("firstFailedAt", d.firstFailedAt().toString()).put("lastFailedAt", d.lastFailedAt().toString())
                .put("recordedAt", d.recordedAt().toString()).put("updatedAt", d.updatedAt().toString());
        node.putObject("exception").put("class", d.exceptionClass()).put("message", d.exceptionMessage());
        if (d.discardReason() != null) {
            node.put("discardReason", d.discardReason());
        }
        if (d.discardedBy() != null) {
            node.put("discardedBy", d.discardedBy());
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
                status == null ? List.of() : DeadLetterFilter.statuses(status),
                exchange.getMessage().getHeader("exception", String.class),
                DeadLetterFilter.time(exchange.getMessage().getHeader("from", String.class), "from"),
                DeadLetterFilter.time(exchange.getMessage().getHeader("to", String.class), "to"),
                exchange.getMessage().getHeader("correlationId", String.class),
                exchange.getMessage().getHeader("key", String.class));
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
}
