package dev.junction.samples.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.junction.runtime.webhook.WebhookException;

/**
 * A webhook event for an order Junction has not recorded (yet): nothing is written, and the sender, which retries
 * webhooks, delivers it again later. Raised from routes (throwException), hence the message-only constructor.
 */
@RegisterForReflection // thrown from YAML (throwException), so made by name
public class UnknownOrderException extends WebhookException {

    public UnknownOrderException(String detail) {
        super(404, "unknown-order", "No such order", detail);
    }
}
