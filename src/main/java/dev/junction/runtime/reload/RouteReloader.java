package dev.junction.runtime.reload;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.jboss.logging.Logger;

/**
 * Watches the route directory while Junction runs ({@code junction.routes.reload.enabled}) and reloads what
 * changed. It polls rather than relying on file events: a Kubernetes ConfigMap update swaps a symlink, which file
 * events report as something else in every container runtime, and comparing a handful of small files costs nothing.
 */
@ApplicationScoped
public class RouteReloader {

    private static final Logger LOG = Logger.getLogger(RouteReloader.class);

    private final RouteFiles files;
    private final CamelContext camel;
    private final RouteReloadConfig config;
    private ScheduledExecutorService watcher;

    public RouteReloader(RouteFiles files, CamelContext camel, RouteReloadConfig config) {
        this.files = files;
        this.camel = camel;
        this.config = config;
    }

    synchronized void start(@Observes AfterStart started) {
        if (!config.enabled()) {
            return;
        }
        Duration interval = config.interval();
        watcher = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "junction-route-reload");
        watcher.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Reloading route files on change (checked every %d ms)", interval.toMillis());
    }

    private void check() {
        try {
            files.reloadChanged();
        } catch (RuntimeException e) {
            // The watcher must survive anything one check runs into, or reload would stop for good.
            LOG.errorf(e, "Checking route files for changes failed");
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (watcher != null) {
            camel.getExecutorServiceManager().shutdownNow(watcher);
        }
    }
}
