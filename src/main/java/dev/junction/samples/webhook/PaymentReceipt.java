package dev.junction.samples.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final ObjectMapper mapper;

    public PaymentReceipt(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String of(Exchange exchange) {
        return mapper.createObjectNode()
                .put("eventId", exchange.getVariable("eventId", String.class))
                .put("status", exchange.getVariable("paymentOutcome", String.class))
                .toString();
    }
}
