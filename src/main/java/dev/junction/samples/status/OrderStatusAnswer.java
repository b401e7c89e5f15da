package dev.junction.samples.status;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The answer to GET /api/v1/orders/{orderId}, written by a JSON writer from the rows the route read (column names as
 * the database spells them: upper case on H2, lower case on PostgreSQL), never by pasting them into a template.
 */
@Singleton
@Named("orderStatusAnswer")
@RegisterForReflection // routes call of() by name
public class OrderStatusAnswer {

    public String of(Map<String, Object> order, List<Map<String, Object>> lines) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode()
                .put("orderId", text(order, "order_id"))
                .put("status", text(order, "status"))
                .put("reason", text(order, "reason"))
                .put("currency", text(order, "currency"))
                .put("paymentStatus", text(order, "payment_status"))
                .put("recordedAt", time(column(order, "recorded_at")));
        answer.putObject("shipping").put("method", text(order, "shipping_method"))
                .put("country", text(order, "shipping_country"));
        ArrayNode items = answer.putArray("lines");
        for (Map<String, Object> line : lines) {
            items.addObject()
                    .put("lineNo", ((Number) column(line, "line_no")).intValue())
                    .put("sku", text(line, "sku"))
                    .put("quantity", ((Number) column(line, "quantity")).intValue())
                    .put("unitPrice", plain((BigDecimal) column(line, "unit_price")))
                    .put("status", text(line, "status"))
                    .put("reservationId", text(line, "reservation_id"))
                    .put("reason", text(line, "reason"));
        }
        return answer.toString();
    }

    private static Object column(Map<String, Object> row, String name) {
        for (Map.Entry<String, Object> column : row.entrySet()) {
            if (column.getKey().equalsIgnoreCase(name)) {
                return column.getValue();
            }
        }
        return null;
    }

    private static String text(Map<String, Object> row, String name) {
        Object value = column(row, name);
        // CHAR columns come back padded on some databases.
        return value == null ? null : value.toString().strip();
    }

    // TIMESTAMP WITH TIME ZONE: an OffsetDateTime from H2, a Timestamp from PostgreSQL's driver.
    private static String time(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant().toString();
        }
        return value == null ? null : value.toString();
    }

    // 9.9900 (NUMERIC(19, 4)) as 9.99, 120.0000 as 120.
    private static BigDecimal plain(BigDecimal amount) {
        return amount == null ? null : new BigDecimal(amount.stripTrailingZeros().toPlainString());
    }
}
