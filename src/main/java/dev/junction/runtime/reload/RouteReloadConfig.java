package dev.junction.runtime.reload;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Whether and how often the route directory is checked for changes while Junction runs ({@link RouteReloader}). */
@ConfigMapping(prefix = "junction.routes.reload")
public interface RouteReloadConfig {

    /** Off, and on in %dev (config/application.properties, which also sets the interval: 500ms). */
    boolean enabled();

    Duration interval();
}
