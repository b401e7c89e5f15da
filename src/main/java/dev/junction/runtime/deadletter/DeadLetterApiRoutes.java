package dev.junction.runtime.deadletter;

import jakarta.inject.Singleton;
import org.apache.camel.model.rest.RestDefinition;

import dev.junction.runtime.ops.OpsApiRoutes;
import dev.junction.runtime.problem.ProblemResponses;

/** The dead-letter operations API, {@value #PATH}. */
@Singleton
public class DeadLetterApiRoutes extends OpsApiRoutes {

    static final String PATH = "/api/ops/dead-letters";

    private final DeadLetterResources resources;

    public DeadLetterApiRoutes(DeadLetterResources resources, ProblemResponses problems) {
        super(problems);
        this.resources = resources;
    }

    @Override
    public void configure() {
        // Camel DSL: the indentation shows the nesting of clauses and steps; kept as written.
        // @formatter:off
        RestDefinition rest = opsRest(PATH, "Dead letters: what routes gave up on, to see, fix, replay or discard");

        get(rest, null, "list-dead-letters", "Lists dead letters, most recent failure first");
        query(rest, "route").description("Only this route's").endParam();
        query(rest, "status").description("PENDING, REPLAYING, REPLAYED, DISCARDED, REPLAY_FAILED; comma separated")
                .endParam();
        query(rest, "exception").description("Part of the exception class name, any case").endParam();
        query(rest, "from").description("Last failure at or after (ISO-8601, e.g. 2026-11-25T10:00:00Z)").endParam();
        query(rest, "to").description("Last failure before (ISO-8601)").endParam();
        query(rest, "correlationId").description("Only the dead letter(s) of this correlation id (X-Correlation-ID)")
                .endParam();
        query(rest, "key").description("Only the dead letter(s) of this Kafka record key (an order's id)").endParam();
        paged(rest, DeadLetterResources.DEFAULT_PAGE, DeadLetterResources.MAX_PAGE);

        get(rest, "/{id}", "get-dead-letter", "One dead letter: its message (body as text, or base64 when binary),"
                + " headers, failure and replays");

        post(rest, "/{id}/replay", "replay-dead-letter", "Replays a dead letter into the entry of its route,"
                + " optionally with an edited body or headers: {\"body\": \"...\", \"bodyEncoding\": \"text|base64\","
                + " \"headers\": {...}, \"force\": false}. A replayed or discarded one is refused unless forced.");

        post(rest, "/replay", "replay-dead-letters", "Replays many, one after the other: {\"ids\": [...]} or"
                + " {\"filter\": {\"route\", \"status\", \"exception\", \"from\", \"to\", \"correlationId\", \"key\"}}"
                + " (default status PENDING,REPLAY_FAILED), plus \"force\"");

        post(rest, "/{id}/discard", "discard-dead-letter", "Discards a dead letter that waits for an operator:"
                + " {\"reason\": \"...\"}");

        operation("ops-list-dead-letters", "Answers the dead-letter list", resources::list);
        operation("ops-get-dead-letter", "Answers one dead letter", resources::get);
        operation("ops-replay-dead-letter", "Replays one dead letter", resources::replay);
        operation("ops-replay-dead-letters", "Replays dead letters by ids or filter", resources::replayMany);
        operation("ops-discard-dead-letter", "Discards one dead letter", resources::discard);
        // @formatter:on
    }
}
