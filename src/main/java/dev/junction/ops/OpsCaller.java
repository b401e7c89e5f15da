package dev.junction.ops;

import java.util.Optional;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * Who sent an operations API request: the identity Quarkus authenticated (API key client or JWT subject), as
 * camel-platform-http hands it to the route. Never a header the client could write.
 */
public final class OpsCaller {

    private OpsCaller() {
    }

    public static Optional<SecurityIdentity> of(Exchange exchange) {
        Object user = exchange.getMessage().getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER);
        if (user instanceof QuarkusHttpUser quarkusUser && !quarkusUser.getSecurityIdentity().isAnonymous()) {
            return Optional.of(quarkusUser.getSecurityIdentity());
        }
        return Optional.empty();
    }

    /** The caller's name, or {@code unknown} (an operation reached without authentication cannot happen). */
    public static String name(Exchange exchange) {
        return of(exchange).map(identity -> identity.getPrincipal().getName()).orElse("unknown");
    }
}
