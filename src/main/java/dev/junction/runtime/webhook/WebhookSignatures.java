package dev.junction.runtime.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * Verifies a signed webhook request ({@link HmacSignature}) before a route trusts a byte of it: signature present and
 * made with one of the webhook's secrets over the raw body as received, timestamp within the webhook's tolerance.
 * Anything else is a 401; nothing of the request has been read into the route yet.
 */
@Singleton
@Named("webhookSignatures")
@RegisterForReflection // routes call verify() by name
public class WebhookSignatures {

    private static final Logger LOG = Logger.getLogger(WebhookSignatures.class);

    private final WebhookConfig config;

    public WebhookSignatures(WebhookConfig config) {
        this.config = config;
    }

    /** Verifies the request on the exchange as a call of the named webhook; leaves the raw body as byte[]. */
    public void verify(Exchange exchange, String webhook) {
        WebhookConfig.Inbound inbound = config.inbound().get(webhook);
        List<String> secrets = inbound == null ? List.of() : inbound.secrets().orElse(List.of());
        if (secrets.stream().allMatch(String::isBlank)) {
            throw new WebhookException(503, "webhook-not-configured", "The webhook is not configured",
                    "Set junction.webhooks.inbound." + webhook + ".secrets to accept it.");
        }
        byte[] received = exchange.getMessage().getBody(byte[].class);
        byte[] body = received == null ? new byte[0] : received;
        exchange.getMessage().setBody(body);
        String timestamp = exchange.getMessage().getHeader(HmacSignature.TIMESTAMP_HEADER, String.class);
        String signature = exchange.getMessage().getHeader(HmacSignature.SIGNATURE_HEADER, String.class);
        if (timestamp == null || signature == null) {
            throw rejected(webhook, "The " + HmacSignature.TIMESTAMP_HEADER + " and " + HmacSignature.SIGNATURE_HEADER
                    + " headers are required.");
        }
        if (!withinTolerance(timestamp, inbound.tolerance())) {
            throw rejected(webhook, "The timestamp is not a time within " + inbound.tolerance().toSeconds()
                    + " s of now (Unix seconds expected).");
        }
        byte[] presented = signature.trim().getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        // Every secret is tried, in constant time each: how long this takes says nothing about how close a guess was.
        for (String secret : secrets) {
            if (!secret.isBlank()) {
                byte[] expected = HmacSignature.sign(secret, timestamp, body)
                        .getBytes(StandardCharsets.US_ASCII);
                matches |= MessageDigest.isEqual(expected, presented);
            }
        }
        if (!matches) {
            throw rejected(webhook, "The signature does not match the body and timestamp.");
        }
    }

    private static boolean withinTolerance(String timestamp, Duration tolerance) {
        try {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
            return Duration.between(sent, Instant.now()).abs().compareTo(tolerance) <= 0;
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return false;
        }
    }

    private static WebhookException rejected(String webhook, String detail) {
        LOG.warnf("Webhook %s: request rejected: %s", webhook, detail);
        return new WebhookException(401, "webhook-signature", "The webhook signature is missing, wrong or stale",
                detail);
    }
}
