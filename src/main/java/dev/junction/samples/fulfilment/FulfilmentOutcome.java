package dev.junction.samples.fulfilment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Decides what became of an order from the results of its lines: fulfilled when every line was reserved, otherwise
 * rejected with the reasons of the lines that were not. As the splitter's aggregation strategy it gathers the line
 * results (in line order: the split is sequential); {@link #of} then builds the outcome, which is both the row
 * written for the order and the body of the {@code orders.fulfilled} / {@code orders.rejected} event.
 */
@Singleton // no client proxy: routes invoke its methods reflectively
@Named("fulfilmentOutcome")
@RegisterForReflection
public class FulfilmentOutcome implements AggregationStrategy {

    public static final String FULFILLED = "FULFILLED";
    public static final String REJECTED = "REJECTED";

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange gathered, Exchange line) {
        Exchange target = gathered == null ? line : gathered;
        List<Object> results = gathered == null ? new ArrayList<>() : gathered.getMessage().getBody(List.class);
        results.add(line.getMessage().getBody());
        target.getMessage().setBody(results);
        return target;
    }

    public Map<String, Object> of(Map<String, Object> order, List<Map<String, Object>> lines) {
        List<Map<String, Object>> rejected = lines.stream()
                .filter(line -> !InventoryReservations.RESERVED.equals(line.get("status")))
                .toList();
        Map<String, Object> shipping = shipping(order);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("orderId", order.get("orderId"));
        outcome.put("status", rejected.isEmpty() ? FULFILLED : REJECTED);
        outcome.put("reason", rejected.isEmpty() ? null : reason(rejected));
        outcome.put("customerId", order.get("customerId"));
        outcome.put("currency", order.get("currency"));
        outcome.put("shippingMethod", shipping.get("method"));
        outcome.put("shippingCountry", shipping.get("country"));
        outcome.put("lines", lines);
        return outcome;
    }

    private static String reason(List<Map<String, Object>> rejected) {
        String reasons = rejected.stream()
                .map(line -> "line " + line.get("lineNo") + " (" + line.get("sku") + ") " + line.get("reason"))
                .collect(Collectors.joining("; "));
        return reasons.length() <= InventoryReservations.MAX_REASON_LENGTH ? reasons
                : reasons.substring(0, InventoryReservations.MAX_REASON_LENGTH - 1) + "…";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shipping(Map<String, Object> order) {
        return order.get("shipping") instanceof Map<?, ?> shipping ? (Map<String, Object>) shipping : Map.of();
    }
}
