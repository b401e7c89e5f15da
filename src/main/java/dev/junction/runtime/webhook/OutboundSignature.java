package dev.junction.runtime.webhook;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Signs an outgoing HTTP call the way Junction's webhooks are verified ({@link HmacSignature}): the current timestamp
 * and the signature of the body as it will be sent, with {@code junction.webhooks.outbound-secret}. A step before a
 * {@code to: http...} ({@code process: {ref: outboundSignature}}); without a secret configured it does nothing.
 */
@Singleton
@Named("outboundSignature")
@RegisterForReflection
public class OutboundSignature implements Processor {

    private final WebhookConfig config;

    public OutboundSignature(WebhookConfig config) {
        this.config = config;
    }

    @Override
    public void process(Exchange exchange) {
        config.outboundSecret().filter(secret -> !secret.isBlank()).ifPresent(secret -> {
            // The body as camel-http will send it: a String goes out as UTF-8, which is what this reads back.
            byte[] body = exchange.getMessage().getBody(byte[].class);
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            exchange.getMessage().setHeader(HmacSignature.TIMESTAMP_HEADER, timestamp);
            exchange.getMessage().setHeader(HmacSignature.SIGNATURE_HEADER,
                    HmacSignature.sign(secret, timestamp, body == null ? new byte[0] : body));
        });
    }
}
