package dev.junction.runtime.reload;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Whether and how often the route directory is checked for changes while Junction runs ({@link RouteReloader}). */
@ConfigMapping(prefix = "junction.routes.reload")
public interface RouteReloadConfig {

    /** Off unless configured; on in dev mode. */
    boolean enabled();

    Duration interval();
}
