package dev.junction.runtime.deadletter;

import static dev.junction.runtime.ops.OpsRequests.badRequest;
import static dev.junction.runtime.ops.OpsRequests.requireOnly;
import static dev.junction.runtime.ops.OpsRequests.requireType;
import static dev.junction.runtime.ops.OpsRequests.text;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;

import dev.junction.runtime.ops.OpsRequests;

/**
 * Reads a bulk replay request, the same for a synchronous replay (POST /api/ops/dead-letters/replay) and a replay job
 * (POST /api/ops/replay-jobs): {@code {"ids": [...]}} or {@code {"filter": {route, status, exception, from, to,
 * correlationId, key}}}, plus {@code "force"}. A filter without status means the ones waiting for an operator,
 * PENDING and REPLAY_FAILED.
 */
@ApplicationScoped
public class ReplaySelections {

    static final List<String> FILTER_FIELDS = List.of("route", "status", "exception", "from", "to", "correlationId",
            "key");
    /** Longer cannot be a dead-letter id, and would not fit a replay job's item. */
    static final int MAX_ID_LENGTH = 255;

    private final OpsRequests requests;
    private final DeadLetterStore store;
    private final ObjectMapper mapper;

    public ReplaySelections(OpsRequests requests, DeadLetterStore store, ObjectMapper mapper) {
        this.requests = requests;
        this.store = store;
        this.mapper = mapper;
    }

    /** The selection, with at most {@code limit + 1} ids: the caller refuses more than {@code limit}. */
    public ReplaySelection read(Exchange exchange, int limit) throws SQLException {
        JsonNode request = requests.body(exchange, "ids", "filter", "force");
        requireType(request, "force", JsonNode::isBoolean, "true or false");
        boolean force = request.path("force").asBoolean(false);
        if (request.has("ids") && request.has("filter")) {
            throw badRequest("Give either \"ids\" or \"filter\", not both");
        }
        if (request.path("ids").isArray()) {
            List<String> ids = new ArrayList<>();
            for (JsonNode id : request.get("ids")) {
                if (!id.isTextual() || id.asText().length() > MAX_ID_LENGTH) {
                    throw badRequest("ids must be an array of dead-letter ids (strings of at most " + MAX_ID_LENGTH
                            + " characters), not " + abbreviated(id));
                }
                ids.add(id.asText());
                if (ids.size() > limit) {
                    break;
                }
            }
            return new ReplaySelection(ids, null, force);
        }
        if (request.path("filter").isObject()) {
            JsonNode filter = request.get("filter");
            requireOnly(filter, "filter", FILTER_FIELDS);
            for (String field : FILTER_FIELDS) {
                requireType(filter, field, JsonNode::isTextual, "a string");
            }
            List<DeadLetterStatus> statuses = filter.hasNonNull("status")
                    ? DeadLetterFilter.statuses(filter.get("status").asText())
                    : List.of(DeadLetterStatus.PENDING, DeadLetterStatus.REPLAY_FAILED);
            DeadLetterFilter selected = new DeadLetterFilter(text(filter, "route"), statuses,
                    text(filter, "exception"), DeadLetterFilter.time(text(filter, "from"), "from"),
                    DeadLetterFilter.time(text(filter, "to"), "to"), text(filter, "correlationId"),
                    text(filter, "key"));
            return new ReplaySelection(store.ids(selected, limit + 1), selected, force);
        }
        throw badRequest("Give the dead letters to replay as \"ids\" (an array) or \"filter\" (an object)");
    }

    /** The filter as a JSON object of its parts (the default status included), null for a selection by ids. */
    public String filterJson(ReplaySelection selection) {
        try {
            return selection.filter() == null ? null : mapper.writeValueAsString(selection.filter().parts());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings is always JSON", e);
        }
    }

    /** What was selected, in a few words for the audit: the filter, or how many ids; and whether forced. */
    public String describe(ReplaySelection selection) {
        String what = selection.filter() == null ? selection.ids().size() + " id(s)"
                : "filter " + filterJson(selection) + ", " + selection.ids().size() + " dead letter(s)";
        return what + (selection.force() ? ", forced" : "");
    }

    private static String abbreviated(JsonNode id) {
        String text = id.toString();
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
