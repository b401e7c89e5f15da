package dev.junction.samples.fulfilment;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Speaks the inventory service's reservation API for one order line: builds the request and turns the answer into
 * the line's result (the row that is written for it and the line of the outcome event).
 * <p>
 * API: {@code POST {inventory.url}/reservations} with {@code {"orderId","lineNo","sku","quantity"}} and an
 * {@code Idempotency-Key} header of {@code orderId/lineNo}; 2xx answers {@code {"reservationId": ...}}, 4xx means
 * the line cannot be reserved (its {@code detail}, {@code message} or {@code title} says why).
 */
@Singleton // no client proxy: routes invoke its methods reflectively
@Named("inventoryReservations")
@RegisterForReflection
public class InventoryReservations {

    public static final String RESERVED = "RESERVED";
    public static final String REJECTED = "REJECTED";
    static final int MAX_REASON_LENGTH = 500;

    private final ObjectMapper mapper;

    public InventoryReservations(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Line numbers count from 1, as people read an order; the split index counts from 0. */
    public int lineNo(int splitIndex) {
        return splitIndex + 1;
    }

    public String idempotencyKey(String orderId, int lineNo) {
        return orderId + "/" + lineNo;
    }

    public String request(String orderId, int lineNo, Map<String, Object> line) {
        ObjectNode request = mapper.createObjectNode();
        request.put("orderId", orderId);
        request.put("lineNo", lineNo);
        request.putPOJO("sku", line.get("sku"));
        request.putPOJO("quantity", line.get("quantity"));
        return request.toString();
    }

    public Map<String, Object> reserved(String orderId, int lineNo, Map<String, Object> line, String reply) {
        JsonNode reservationId = parse(reply).path("reservationId");
        if (!reservationId.isTextual() || reservationId.asText().isBlank()) {
            throw new InventoryUnavailableException(
                    "Inventory confirmed line " + lineNo + " of order " + orderId + " without a reservationId");
        }
        return result(orderId, lineNo, line, RESERVED, reservationId.asText(), null);
    }

    public Map<String, Object> rejected(String orderId, int lineNo, Map<String, Object> line, int status,
            String reply) {
        JsonNode answer = parse(reply);
        String why = firstText(answer, "detail", "message", "title");
        String reason = "inventory answered " + status + (why == null ? "" : ": " + why);
        return result(orderId, lineNo, line, REJECTED, null, truncate(reason));
    }

    private static Map<String, Object> result(String orderId, int lineNo, Map<String, Object> line, String status,
            String reservationId, String reason) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orderId", orderId);
        result.put("lineNo", lineNo);
        result.put("sku", line.get("sku"));
        result.put("quantity", line.get("quantity"));
        result.put("unitPrice", line.get("unitPrice"));
        result.put("status", status);
        result.put("reservationId", reservationId);
        result.put("reason", reason);
        return result;
    }

    /** An answer that is not JSON carries no details; the status code alone still decides. */
    private JsonNode parse(String reply) {
        if (reply == null || reply.isBlank()) {
            return mapper.missingNode();
        }
        try {
            return mapper.readTree(reply);
        } catch (JsonProcessingException e) {
            return mapper.missingNode();
        }
    }

    private static String firstText(JsonNode answer, String... fields) {
        for (String field : fields) {
            JsonNode value = answer.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
