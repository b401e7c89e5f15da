package dev.junction.runtime.limits;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Per-client request rates on the business APIs; see config/application.properties. */
@ConfigMapping(prefix = "junction.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Path prefixes limited, e.g. /api/v1/ (the operations API and health are not). */
    @WithDefault("/api/v1/")
    List<String> paths();

    /**
     * Every client's sustained rate on each replica, in requests per second (N replicas let a client send N times
     * this: the buckets are not shared)...
     */
    @WithName("replica-requests-per-second")
    @WithDefault("50")
    double requestsPerSecond();

    /** ...and how many it may send at once above that rate, on each replica. */
    @WithName("replica-burst")
    @WithDefault("100")
    int burst();

    /** Overrides by client (principal) name. */
    Map<String, Client> clients();

    interface Client {

        @WithName("replica-requests-per-second")
        double requestsPerSecond();

        @WithName("replica-burst")
        int burst();
    }
}
