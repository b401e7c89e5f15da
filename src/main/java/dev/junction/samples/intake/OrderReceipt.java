package dev.junction.samples.intake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;

import dev.junction.runtime.kafka.OrderPublisherRoute;

/**
 * The 202 receipt of an accepted order, written by a JSON writer from the route's variables: orderId, orderTopic,
 * orderPartition, orderOffset. Never a string template: whatever an id holds, the receipt stays one valid document.
 */
@Singleton
@Named("orderReceipt")
@RegisterForReflection // routes call accepted() by name
public class OrderReceipt {

    public String accepted(Exchange exchange) {
        return JsonNodeFactory.instance.objectNode()
                .put("orderId", exchange.getVariable("orderId", String.class))
                .put("status", "accepted")
                .put("topic", exchange.getVariable("orderTopic", String.class))
                .put("partition", exchange.getVariable(OrderPublisherRoute.PARTITION, Integer.class))
                .put("offset", exchange.getVariable(OrderPublisherRoute.OFFSET, Long.class))
                .toString();
    }
}
