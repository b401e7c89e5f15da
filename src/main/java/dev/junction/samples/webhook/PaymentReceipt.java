package dev.junction.samples.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;

/**
 * The answer to a payment webhook, written by a JSON writer from the route's variables eventId and paymentOutcome,
 * never by pasting them into a template.
 */
@Singleton
@Named("paymentReceipt")
@RegisterForReflection // routes call of() by name
public class PaymentReceipt {

    public String of(Exchange exchange) {
        return JsonNodeFactory.instance.objectNode()
                .put("eventId", exchange.getVariable("eventId", String.class))
                .put("status", exchange.getVariable("paymentOutcome", String.class))
                .toString();
    }
}
