package dev.junction.runtime.limits;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many requests Junction works on at once before it sheds the rest; see config/application.properties. */
@ConfigMapping(prefix = "junction.load-shedding")
public interface LoadSheddingConfig {

    @WithDefault("true")
    boolean enabled();

    /** Path prefixes whose requests count and are shed (the business APIs; not health or operations). */
    @WithDefault("/api/v1/")
    List<String> paths();

    /** Requests on those paths in progress at once, per replica; the next one is answered 503. */
    @WithDefault("256")
    int maxInFlight();

    /** The Retry-After (seconds) sent with the 503. */
    @WithDefault("1")
    int retryAfterSeconds();

    /**
     * Paths anyone may call without credentials (webhooks, checked by signature once their body is read): a budget
     * of their own, so that callers nobody authenticated cannot take the capacity of those who are.
     */
    Unauthenticated unauthenticated();

    interface Unauthenticated {

        @WithDefault("/webhooks/")
        List<String> paths();

        @WithDefault("32")
        int maxInFlight();
    }
}
