package dev.junction.runtime.ops;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * Who did what through the operations API (table ops_audit, read at GET /api/ops/audit): replays, replay jobs,
 * discards, route suspend / resume / restart. The actor is the principal Quarkus authenticated for the request: the
 * API client's name for an API key, the token's upn (else preferred_username, else subject) for a JWT. It is read
 * from the Vert.x user that platform-http puts on the exchange, never from anything the client sends.
 */
@ApplicationScoped
public class OpsAudit {

    /** Recorded for a request Quarkus authenticated nobody for: only when the permission settings open the API. */
    public static final String ANONYMOUS = "anonymous";
    private static final Logger LOG = Logger.getLogger(OpsAudit.class);

    private final OpsAuditStore store;

    public OpsAudit(OpsAuditStore store) {
        this.store = store;
    }

    /** The authenticated caller of this platform-http exchange. */
    public static String actor(Exchange exchange) {
        return OpsCaller.of(exchange).map(identity -> identity.getPrincipal().getName()).orElse(ANONYMOUS);
    }

    /**
     * Records an action that has happened. A store that fails to take it leaves the entry in the log at ERROR rather
     * than failing the request: the action is done, and an error answer would have the operator do it again.
     */
    public void record(Exchange exchange, String action, String target, String detail) {
        AuditEntry entry = new AuditEntry(OffsetDateTime.now(), actor(exchange), action, target, detail);
        try {
            store.add(entry);
        } catch (Exception e) {
            LOG.errorf(e, "Audit entry not stored: %s", entry);
        }
    }

    /** The latest entries, newest first. */
    public List<AuditEntry> recent(int limit) throws Exception {
        return store.recent(limit);
    }
}
