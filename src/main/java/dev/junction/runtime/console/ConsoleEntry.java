package dev.junction.runtime.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The operator console is static files under {@code META-INF/resources/console/} that call the operations API; this
 * sends {@code /console}, the address people type, to the page itself, whose relative links need the slash.
 */
@Singleton
public class ConsoleEntry {

    static final String PATH = "/console";

    void route(@Observes Router router) {
        // Vert.x matches /console/ to this path too: only the address without the slash is sent on.
        router.get(PATH).handler(context -> {
            if (context.request().path().equals(PATH)) {
                context.redirect(PATH + "/");
            } else {
                context.next();
            }
        });
    }
}
