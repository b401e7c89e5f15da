package dev.junction.runtime.deadletter;

import jakarta.inject.Singleton;
import org.apache.camel.model.rest.RestDefinition;

import dev.junction.runtime.ops.OpsApiRoutes;
import dev.junction.runtime.problem.ProblemResponses;

/** The replay-job operations API, {@value ReplayJobResources#PATH}: bulk replays that run in the background. */
@Singleton
public class ReplayJobApiRoutes extends OpsApiRoutes {

    private final ReplayJobResources resources;

    public ReplayJobApiRoutes(ReplayJobResources resources, ProblemResponses problems) {
        super(problems);
        this.resources = resources;
    }

    @Override
    public void configure() {
        // Camel DSL: the indentation shows the nesting of clauses and steps; kept as written.
        // @formatter:off
        RestDefinition rest = opsRest(ReplayJobResources.PATH, "Replay jobs: bulk replays of dead letters that run in"
                + " the background, one job at a time per replica");

        post(rest, null, "start-replay-job", "Picks the dead letters now and replays them in the background:"
                + " {\"ids\": [...]} or {\"filter\": {\"route\", \"status\", \"exception\", \"from\", \"to\","
                + " \"correlationId\", \"key\"}} (default status PENDING,REPLAY_FAILED), plus \"force\". Answers 202"
                + " with the job, its URL in Location");

        get(rest, null, "list-replay-jobs", "The latest replay jobs, newest first, with their counts");

        get(rest, "/{jobId}", "get-replay-job", "One replay job: status (QUEUED, RUNNING, DONE, INTERRUPTED), counts,"
                + " and a page of its dead letters with each one's outcome once done");
        paged(rest, ReplayJobResources.DEFAULT_PAGE, ReplayJobResources.MAX_PAGE);

        operation("ops-start-replay-job", "Starts a replay job", resources::start);
        operation("ops-list-replay-jobs", "Answers the latest replay jobs", resources::list);
        operation("ops-get-replay-job", "Answers one replay job", resources::get);
        // @formatter:on
    }
}
