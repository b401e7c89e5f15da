package dev.junction.samples.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * Aggregates the per-order outcomes of a split batch into one response: a result per item (its index, HTTP
 * status, and the receipt or problem it would have got alone) and counts. The batch answers 202 when every order
 * was accepted and 207 (Multi-Status) otherwise, so a client never mistakes a partly failed batch for success.
 * <p>
 * It also stops a batch from trying, order after order, against a broker that is not taking records: once an order
 * could not be published it raises the batch's halt flag, and {@link #isHalted} tells the route to answer the
 * orders after it at once. The flag is a mutable object set on the batch before the split
 * ({@link #newHaltFlag}) because the splitter copies every order's exchange from one copy of the batch taken at
 * the start, so a plain property set later would not reach them.
 */
@Singleton // no client proxy: routes invoke its methods reflectively
@Named("batchSummary")
@RegisterForReflection
public class BatchSummary implements AggregationStrategy {

    public static final String HALT_FLAG = "batchHalted";
    private static final String RESULTS = "JunctionBatchResults";
    private static final Logger LOG = Logger.getLogger(BatchSummary.class);

    private final ObjectMapper mapper;

    public BatchSummary(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public AtomicBoolean newHaltFlag() {
        return new AtomicBoolean();
    }

    public boolean isHalted(Exchange item) {
        AtomicBoolean flag = item.getProperty(HALT_FLAG, AtomicBoolean.class);
        return flag != null && flag.get();
    }

    @Override
    public Exchange aggregate(Exchange carrier, Exchange item) {
        ObjectNode result = describe(item);
        AtomicBoolean flag = item.getProperty(HALT_FLAG, AtomicBoolean.class);
        if (flag != null && result.get("status").asInt() >= 500) {
            flag.set(true);
        }
        Exchange aggregated = carrier == null ? item : carrier;
        results(aggregated).add(result);
        // A failed item is reported in the summary; it must not fail the whole batch.
        aggregated.setException(null);
        return aggregated;
    }

    @Override
    public void onCompletion(Exchange aggregated, Exchange input) {
        List<ObjectNode> items = aggregated == null ? List.of() : results(aggregated);
        long accepted = items.stream().filter(i -> i.get("status").asInt() == 202).count();
        long rejected = items.stream().filter(i -> i.get("status").asInt() / 100 == 4).count();
        ObjectNode summary = mapper.createObjectNode();
        summary.put("total", items.size());
        summary.put("accepted", accepted);
        summary.put("rejected", rejected);
        summary.put("failed", items.size() - accepted - rejected);
        summary.putArray("results").addAll(items);

        Exchange target = aggregated == null ? input : aggregated;
        target.getMessage().setBody(summary.toString());
        target.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE,
                !items.isEmpty() && accepted == items.size() ? 202 : 207);
        target.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    }

    private ObjectNode describe(Exchange item) {
        ObjectNode result = mapper.createObjectNode();
        result.put("index", item.getProperty(Exchange.SPLIT_INDEX, -1, Integer.class));
        Integer status = item.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (item.getException() != null || status == null) {
            LOG.errorf(item.getException(), "Batch item %s ended without an outcome", result.get("index"));
            result.put("status", 500);
            result.put("error", "The order could not be processed");
            return result;
        }
        result.put("status", status);
        result.set(status == 202 ? "receipt" : "problem", parse(item.getMessage().getBody(String.class)));
        return result;
    }

    private JsonNode parse(String body) {
        try {
            return mapper.readTree(body == null ? "null" : body);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(body);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<ObjectNode> results(Exchange exchange) {
        List<ObjectNode> results = exchange.getProperty(RESULTS, List.class);
        if (results == null) {
            results = new ArrayList<>();
            exchange.setProperty(RESULTS, results);
        }
        return results;
    }
}
