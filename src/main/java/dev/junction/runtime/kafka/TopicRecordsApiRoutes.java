package dev.junction.runtime.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.kafka.common.errors.TimeoutException;

import dev.junction.runtime.kafka.TopicRecords.From;
import dev.junction.runtime.ops.OpsApiRoutes;
import dev.junction.runtime.ops.OpsException;
import dev.junction.runtime.ops.OpsRequests;
import dev.junction.runtime.problem.ProblemResponses;

/**
 * {@value #PATH}: what is on a topic, for one key or all, as text: what Junction published for an order, what a
 * lane holds. Reads only (no consumer group, nothing committed), bounded by {@link TopicRecords}.
 */
@Singleton
public class TopicRecordsApiRoutes extends OpsApiRoutes {

    static final String PATH = "/api/ops/topics";
    private static final int DEFAULT_LIMIT = 20;

    private final TopicRecords topics;

    public TopicRecordsApiRoutes(TopicRecords topics, ProblemResponses problems) {
        super(problems);
        this.topics = topics;
    }

    @Override
    public void configure() {
        // Camel DSL: the indentation shows the nesting of clauses and steps; kept as written.
        // @formatter:off
        RestDefinition rest = opsRest(PATH, "Topics: the records on a Kafka topic, read without a consumer group");
        get(rest, "/{topic}/records", "list-topic-records", "A topic's records (key, partition, offset, timestamp,"
                        + " headers, value as text, cut at " + TopicRecords.MAX_VALUE_CHARS + " characters), in"
                        + " partition and offset order, read up to the end each partition had when the request came;"
                        + " complete is false when the read stopped at limit or after "
                        + TopicRecords.BUDGET.toSeconds() + " s");
        query(rest, "key").description("Only records with this key (an order's id)").endParam();
        query(rest, "limit").dataType("integer").defaultValue(String.valueOf(DEFAULT_LIMIT))
                .description("At most " + TopicRecords.MAX_LIMIT).endParam();
        query(rest, "from").defaultValue("beginning").allowableValues("beginning", "end")
                .description("beginning: the first records; end: the newest, from the last limit of each partition")
                .endParam();

        operation("ops-list-topic-records", "Answers a topic's records", this::list);
        // @formatter:on
    }

    private Object list(Exchange exchange) {
        String topic = exchange.getMessage().getHeader("topic", String.class);
        if (!TopicRecords.isValidTopic(topic)) {
            throw OpsRequests.badRequest("Not a topic name: " + topic + " (letters, digits, '.', '_' and '-', at"
                    + " most 249, not starting with __)");
        }
        int limit = OpsRequests.intParam(exchange, "limit", DEFAULT_LIMIT, 1, TopicRecords.MAX_LIMIT);
        String key = exchange.getMessage().getHeader("key", String.class);
        From from = startFrom(exchange.getMessage().getHeader("from", String.class));
        TopicRecords.Result result;
        try {
            result = topics.read(topic, key, limit, from).orElseThrow(
                    () -> new OpsException(404, "No such topic", "Kafka has no topic " + topic + "."));
        } catch (TopicRecords.Busy e) {
            throw new OpsException(503, "Busy", e.getMessage());
        } catch (TimeoutException e) {
            throw new OpsException(503, "Kafka not available",
                    "Kafka did not answer within " + TopicRecords.BUDGET.toSeconds() + " s: " + e.getMessage());
        }
        ObjectNode answer = jsonObject().put("topic", topic).put("complete", result.complete());
        ArrayNode records = answer.putArray("records");
        for (TopicRecords.Item item : result.records()) {
            ObjectNode record = records.addObject().put("key", item.key()).put("partition", item.partition())
                    .put("offset", item.offset()).put("timestamp", item.timestamp().toString());
            ObjectNode headers = record.putObject("headers");
            item.headers().forEach(headers::put);
            record.put("value", item.value());
            if (item.valueCut()) {
                record.put("valueCut", true);
            }
        }
        return answer.toString();
    }

    private static From startFrom(String value) {
        if (value == null || value.equals("beginning")) {
            return From.BEGINNING;
        }
        if (value.equals("end")) {
            return From.END;
        }
        throw OpsRequests.badRequest("from must be beginning or end, not " + value);
    }
}
