package dev.junction.limits;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-client request rates on the business APIs; see config/application.properties. */
@ConfigMapping(prefix = "junction.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Path prefixes limited, e.g. /api/v1/ (the operations API and health are not). */
    @WithDefault("/api/v1/")
    List<String> paths();

    /** Every client's sustained rate, in requests per second... */
    @WithDefault("50")
    double requestsPerSecond();

    /** ...and how many it may send at once above that rate. */
    @WithDefault("100")
    int burst();

    /** Overrides by client (principal) name. */
    Map<String, Client> clients();

    interface Client {

        double requestsPerSecond();

        int burst();
    }
}
