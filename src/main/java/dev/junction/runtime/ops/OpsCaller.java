package dev.junction.runtime.ops;

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
        // A header of this name sent by the client is dropped by platform-http's header filter (Camel* headers), and
        // a String would not be a QuarkusHttpUser anyway: only the user Vert.x authenticated counts.
        Object user = exchange.getMessage().getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER);
        if (user instanceof QuarkusHttpUser quarkusUser && quarkusUser.getSecurityIdentity() != null
                && !quarkusUser.getSecurityIdentity().isAnonymous()) {
            return Optional.of(quarkusUser.getSecurityIdentity());
        }
        return Optional.empty();
    }
}
