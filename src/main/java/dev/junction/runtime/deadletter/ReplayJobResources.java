package dev.junction.runtime.deadletter;

import static dev.junction.runtime.ops.OpsRequests.intParam;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.junction.runtime.deadletter.ReplayOutcome.Result;
import dev.junction.runtime.ops.OpsAnswer;
import dev.junction.runtime.ops.OpsAudit;
import dev.junction.runtime.ops.OpsException;

/**
 * The operations API's replay-job resources (routes in {@link ReplayJobApiRoutes}): a bulk replay taken at once and
 * run in the background ({@link ReplayJobs}), watched by polling the job.
 */
@ApplicationScoped
public class ReplayJobResources {

    static final String PATH = "/api/ops/replay-jobs";
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;
    private static final int RECENT = 20;

    private final ReplaySelections selections;
    private final ReplayJobs jobs;
    /** Jobs are read straight from the store: any replica's, running or done. */
    private final ReplayJobStore store;
    private final OpsAudit audit;
    private final ObjectMapper mapper;
    private final int maxJob;

    public ReplayJobResources(ReplaySelections selections, ReplayJobs jobs, ReplayJobStore store, OpsAudit audit,
            ObjectMapper mapper, @ConfigProperty(name = "junction.dead-letter.replay.max-job") int maxJob) {
        this.selections = selections;
        this.jobs = jobs;
        this.store = store;
        this.audit = audit;
        this.mapper = mapper;
        this.maxJob = maxJob;
    }

    /**
     * POST /api/ops/replay-jobs, the body of POST /api/ops/dead-letters/replay: the dead letters are picked now,
     * replayed later. 202 with the job and its URL.
     */
    public Object start(Exchange exchange) throws Exception {
        ReplaySelection selection = selections.read(exchange, maxJob);
        if (selection.ids().size() > maxJob) {
            throw new OpsException(422, "Too many dead letters for one replay job", "At most " + maxJob
                    + " dead letters go into one replay job (junction.dead-letter.replay.max-job); narrow the filter"
                    + " (e.g. by from and to) or split the ids over several jobs");
        }
        ReplayJob job = jobs.submit(selection, selections.filterJson(selection), OpsAudit.actor(exchange));
        audit.record(exchange, "start-replay-job", job.id(), selections.describe(selection));
        return OpsAnswer.accepted(PATH + "/" + job.id(),
                withItems(job, store.items(job.id(), 0, DEFAULT_PAGE), 0, DEFAULT_PAGE).toString());
    }

    /** GET /api/ops/replay-jobs/{jobId}?offset=&limit= : the job and one page of its items. */
    public Object get(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("jobId", String.class);
        int offset = intParam(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(exchange, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        ReplayJob job = store.find(id).orElseThrow(
                () -> new OpsException(404, "No such replay job", "No replay job " + id));
        return withItems(job, store.items(id, offset, limit), offset, limit).toString();
    }

    /** GET /api/ops/replay-jobs: the latest jobs, newest first, without their items. */
    public Object list(Exchange exchange) throws Exception {
        ObjectNode answer = mapper.createObjectNode();
        ArrayNode items = answer.putArray("items");
        store.recent(RECENT).forEach(job -> items.add(summary(job)));
        return answer.toString();
    }

    private ObjectNode withItems(ReplayJob job, List<ReplayJobItem> page, int offset, int limit) {
        ObjectNode answer = summary(job);
        ArrayNode items = answer.putArray("items");
        for (ReplayJobItem item : page) {
            items.addObject().put("deadLetterId", item.deadLetterId())
                    .put("outcome", item.outcome() == null ? null : item.outcome().name())
                    .put("detail", item.detail());
        }
        return answer.put("offset", offset).put("limit", limit);
    }

    private ObjectNode summary(ReplayJob job) {
        ObjectNode node = mapper.createObjectNode().put("id", job.id()).put("status", job.status().name())
                .put("requestedBy", job.requestedBy()).put("requestedAt", job.requestedAt().toString())
                .put("startedAt", job.startedAt() == null ? null : job.startedAt().toString())
                .put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString())
                .put("force", job.force());
        try {
            node.set("filter", job.filterJson() == null ? null : mapper.readTree(job.filterJson()));
        } catch (Exception e) {
            throw new IllegalStateException("Replay job " + job.id() + " holds a filter that is not JSON", e);
        }
        return node.put("total", job.total()).put("done", job.done()).put("resumes", job.resumes())
                .put("replayed", job.count(Result.REPLAYED)).put("replayFailed", job.count(Result.REPLAY_FAILED))
                .put("refused", job.count(Result.REFUSED)).put("notFound", job.count(Result.NOT_FOUND));
    }
}
