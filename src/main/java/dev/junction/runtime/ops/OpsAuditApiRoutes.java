package dev.junction.runtime.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestDefinition;

import dev.junction.runtime.problem.ProblemResponses;

/** {@value #PATH}: who did what through the operations API, newest first. */
@Singleton
public class OpsAuditApiRoutes extends OpsApiRoutes {

    static final String PATH = "/api/ops/audit";
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final OpsAudit audit;

    public OpsAuditApiRoutes(OpsAudit audit, ProblemResponses problems) {
        super(problems);
        this.audit = audit;
    }

    @Override
    public void configure() {
        // Camel DSL: the indentation shows the nesting of clauses and steps; kept as written.
        // @formatter:off
        RestDefinition rest = opsRest(PATH, "Audit: who replayed, discarded, started replay jobs, suspended, resumed"
                + " or restarted routes");
        declare(rest.get(), null, "list-ops-audit", "ops-list-audit", "The latest operations, newest first: when, who"
                        + " (the API client or the token's user), what, on which target, how it went");
        query(rest, "limit").dataType("integer").defaultValue(String.valueOf(DEFAULT_PAGE))
                .description("At most " + MAX_PAGE).endParam();

        operation("ops-list-audit", "Answers the latest audit entries", this::list);
        // @formatter:on
    }

    private Object list(Exchange exchange) throws Exception {
        int limit = OpsRequests.intParam(exchange, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        ObjectNode answer = jsonObject();
        ArrayNode items = answer.putArray("items");
        for (AuditEntry entry : audit.recent(limit)) {
            items.addObject().put("at", entry.at().toString()).put("actor", entry.actor())
                    .put("action", entry.action()).put("target", entry.target()).put("detail", entry.detail());
        }
        return answer.toString();
    }
}
