package dev.junction.runtime.kafka;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.producer.RecordMetadata;

import dev.junction.runtime.correlation.CorrelationIds;
import dev.junction.runtime.deadletter.StepRouteConfiguration;

/**
 * The runtime's Kafka publisher with receipt, for any route ({@value #ENDPOINT}): publishes the body to the topic the
 * calling route chose (variable {@value #TOPIC}), keyed by the variable {@value #ORDER_ID} so all records of one
 * key stay in one partition and in order, and answers where the record landed in the variables {@value #PARTITION}
 * and {@value #OFFSET}. The samples' order intake (lane topics) and fulfilment (events) send to it. Every record
 * carries the exchange's correlation id in its {@code X-Correlation-ID} header. Its endpoint, route id and variable
 * names keep the order wording they were published with.
 */
@ApplicationScoped
public class OrderPublisherRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:publish-order";
    public static final String ORDER_ID = "orderId";
    public static final String TOPIC = "orderTopic";
    public static final String PARTITION = "orderPartition";
    public static final String OFFSET = "orderOffset";

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId("order-publisher")
                .description("Publishes an order to the Kafka topic in variable orderTopic, keyed by variable orderId")
                // No handler of its own (the runtime's shared noErrorHandler configuration): a failure must reach the
                // calling route, whose dead-letter channel owns redelivery and the DLQ. A handler here would swallow it
                // and the caller would answer 202.
                .routeConfigurationId(StepRouteConfiguration.ID)
                .setHeader(KafkaConstants.KEY, variable(ORDER_ID))
                // The exchange's correlation id goes on every record, so its consumers log and pass on the same id.
                // It is set here from the exchange, never copied from the caller's headers (those stay behind).
                .setHeader(CorrelationIds.HEADER, exchangeProperty(CorrelationIds.PROPERTY))
                // camel-kafka routes a toD by this header and keeps one that is already there. A failed send leaves
                // it behind, so without this a retry or the dead-letter send would go to the previous topic.
                .removeHeader(KafkaConstants.OVERRIDE_TOPIC)
                // camel-kafka serves every topic of this toD with one producer; acks, idempotence and the synchronous
                // send (wait for the broker's ack) are set on the component in config/application.properties.
                .toD("kafka:${variable." + TOPIC + "}")
                .process(OrderPublisherRoute::recordWhereItLanded)
                // Every non-Camel header has just become a Kafka record header; none of them is meant for whoever
                // receives this exchange next (the HTTP caller, above all).
                .removeHeaders("*", "Camel*");
    }

    /** Partition and offset of the record, for the caller's receipt and the logs. */
    private static void recordWhereItLanded(Exchange exchange) {
        List<?> sent = exchange.getMessage().getHeader(KafkaConstants.KAFKA_RECORD_META, List.class);
        if (sent != null && !sent.isEmpty() && sent.get(0) instanceof RecordMetadata metadata) {
            exchange.setVariable(PARTITION, metadata.partition());
            exchange.setVariable(OFFSET, metadata.offset());
        }
    }
}
