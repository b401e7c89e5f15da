package dev.junction.runtime.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Inbound webhooks by name (junction.webhooks.<name>.*) and the secret Junction signs its own calls with. */
@ConfigMapping(prefix = "junction.webhooks")
public interface WebhookConfig {

    /** By webhook name, e.g. payments. */
    Map<String, Inbound> inbound();

    /** Secret for signing Junction's outbound HTTP calls; unset: they are not signed. */
    Optional<String> outboundSecret();

    interface Inbound {

        /**
         * Shared secrets: one, or two while it is rotated. Unset, the webhook answers 503 and Junction still starts:
         * a deployment need not take payment events to run.
         */
        Optional<List<String>> secrets();

        /** How far a request's timestamp may be from now, either way. */
        @WithDefault("5m")
        Duration tolerance();
    }
}
