package dev.junction.runtime.ops;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;

import dev.junction.runtime.json.JsonReadLimits;

/**
 * Reads what every operations API request carries: a JSON object body with known fields only, query parameters
 * within bounds. Whatever is wrong with a request is an {@link OpsException} (400, 415), answered as a problem.
 */
@Singleton
public class OpsRequests {

    private final ObjectMapper mapper;

    public OpsRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The request's JSON object (empty when there is no body), with none but the given fields: a misspelt or
     * invented key ({@code "routee"}, {@code "sql"}) would otherwise be ignored, and a filter that narrows nothing
     * replays everything.
     */
    public JsonNode body(Exchange exchange, String... fields) {
        JsonNode request = body(exchange);
        requireOnly(request, "the request body", List.of(fields));
        return request;
    }

    private JsonNode body(Exchange exchange) {
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

    public static void requireOnly(JsonNode object, String where, List<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw badRequest("Unknown field \"" + name + "\" in " + where + "; the fields are "
                        + String.join(", ", allowed));
            }
        }
    }

    public static void requireType(JsonNode object, String field, Predicate<JsonNode> type, String expected) {
        JsonNode value = object.get(field);
        if (value != null && !value.isNull() && !type.test(value)) {
            throw badRequest(field + " must be " + expected + ", not " + value);
        }
    }

    /** The field's text, null when it is absent or null. */
    public static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** A whole-number query parameter from min to max, the default when absent. */
    public static int intParam(Exchange exchange, String name, int defaultValue, int min, int max) {
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

    public static OpsException badRequest(String detail) {
        return new OpsException(400, "Bad request", detail);
    }
}
