package dev.junction.runtime.deadletter;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.apache.camel.quarkus.main.events.BeforeStop;
import org.jboss.logging.Logger;

import dev.junction.runtime.ops.OpsException;

/**
 * Runs replay jobs in the background, one at a time per replica, each dead letter through
 * {@link DeadLetterReplayer} as a single replay would go. Every outcome is stored as soon as that dead letter is done
 * ({@link ReplayJobStore}), so any replica shows the progress.
 * <p>
 * A job lives as long as its replica: this one moves the heartbeat of the jobs it holds (running or queued) every
 * {@value #HEARTBEAT_SECONDS} s, and a job without one for {@link #STALE_AFTER} is taken as lost and marked
 * INTERRUPTED when jobs are read and at startup. When Junction stops, the letter being replayed is finished (up to
 * {@link #STOP_WAIT}) and the job marked INTERRUPTED at once. Interrupted jobs are not resumed.
 */
@ApplicationScoped
public class ReplayJobs {

    static final Duration STALE_AFTER = Duration.ofSeconds(60);
    static final int HEARTBEAT_SECONDS = 15;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ReplayJobs.class);

    private final ReplayJobStore store;
    private final DeadLetterReplayer replayer;
    private final CamelContext camel;
    /** The unfinished jobs this replica owns; only their heartbeat is moved on. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ExecutorService runner;
    private ScheduledExecutorService heartbeats;
    private volatile boolean stopping;

    public ReplayJobs(ReplayJobStore store, DeadLetterReplayer replayer, CamelContext camel) {
        this.store = store;
        this.replayer = replayer;
        this.camel = camel;
    }

    /** After Camel started: the routes replays go into are up, and the schema is migrated (embedded PostgreSQL). */
    synchronized void start(@Observes AfterStart started) {
        interruptStale();
        // Camel's executor manager shuts both down with the CamelContext, should stop() not have.
        runner = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "junction-replay-jobs");
        heartbeats = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "junction-replay-job-heartbeats");
        heartbeats.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Stores a job of these dead letters and queues it; answers the job as stored. A selection of none is DONE at
     * once.
     */
    public synchronized ReplayJob submit(ReplaySelection selection, String filterJson, String requestedBy)
            throws SQLException {
        if (runner == null || stopping) {
            throw new OpsException(503, "Replay jobs are not running", "Junction is starting or stopping; ask again"
                    + " in a moment");
        }
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now();
        List<String> ids = selection.ids();
        store.create(id, ids.isEmpty() ? ReplayJobStatus.DONE : ReplayJobStatus.QUEUED, requestedBy, now,
                selection.force(), filterJson, ids);
        if (!ids.isEmpty()) {
            held.add(id);
            try {
                runner.execute(() -> run(id));
            } catch (RejectedExecutionException e) {
                held.remove(id);
                store.interrupt(id, now);
                throw new OpsException(503, "Replay jobs are not running", "Junction is stopping; ask again once"
                        + " it runs");
            }
        }
        LOG.infof("Replay job %s of %d dead letter(s) queued for %s", id, ids.size(), requestedBy);
        return store.find(id).orElseThrow();
    }

    /** The job, or empty; marks lost ones INTERRUPTED first. */
    public Optional<ReplayJob> find(String id) throws SQLException {
        interruptStale();
        return store.find(id);
    }

    /** The latest jobs, newest first; marks lost ones INTERRUPTED first. */
    public List<ReplayJob> recent(int limit) throws SQLException {
        interruptStale();
        return store.recent(limit);
    }

    public List<ReplayJobItem> items(String id, int offset, int limit) throws SQLException {
        return store.items(id, offset, limit);
    }

    private void run(String id) {
        try {
            if (stopping) {
                interrupt(id);
                return;
            }
            ReplayJob job = store.find(id).orElseThrow();
            if (!store.start(id, OffsetDateTime.now())) {
                LOG.warnf("Replay job %s is %s, not started", id, store.find(id).map(ReplayJob::status).orElse(null));
                return;
            }
            ReplayRequest request = ReplayRequest.asStored(job.force(), job.requestedBy());
            for (ReplayJobItem item : store.unfinishedItems(id)) {
                if (stopping) {
                    interrupt(id);
                    return;
                }
                ReplayOutcome outcome = replayer.replay(item.deadLetterId(), request);
                if (!store.recordOutcome(id, item.position(), outcome, OffsetDateTime.now())) {
                    LOG.warnf("Replay job %s was marked INTERRUPTED while it ran (no heartbeat for %d s); stopped",
                            id, STALE_AFTER.toSeconds());
                    return;
                }
            }
            store.finish(id, OffsetDateTime.now());
            ReplayJob done = store.find(id).orElseThrow();
            LOG.infof("Replay job %s done: %d dead letter(s), %s", id, done.total(), done.outcomes());
        } catch (Exception e) {
            // The store or a replay failed outside the route's own error handling: the job cannot go on.
            LOG.errorf(e, "Replay job %s stopped", id);
            interrupt(id);
        } finally {
            held.remove(id);
        }
    }

    private void heartbeat() {
        try {
            if (!held.isEmpty()) {
                store.heartbeat(Set.copyOf(held), OffsetDateTime.now());
            }
        } catch (Exception e) {
            // Kept alive for the next beat: a store down now may answer again before a job counts as lost.
            LOG.warnf("Replay job heartbeat not stored: %s", e);
        }
    }

    private void interruptStale() {
        try {
            int interrupted = store.interruptStale(OffsetDateTime.now().minus(STALE_AFTER));
            if (interrupted > 0) {
                LOG.warnf("%d replay job(s) marked INTERRUPTED: their replica stopped without ending them",
                        interrupted);
            }
        } catch (SQLException e) {
            LOG.warnf("Replay jobs without a heartbeat not checked: %s", e);
        }
    }

    private void interrupt(String id) {
        try {
            if (store.interrupt(id, OffsetDateTime.now())) {
                LOG.warnf("Replay job %s marked INTERRUPTED", id);
            }
        } catch (Exception e) {
            LOG.warnf("Replay job %s not marked INTERRUPTED (it will be when its heartbeat is %d s old): %s", id,
                    STALE_AFTER.toSeconds(), e);
        }
    }

    /** Before Camel stops: the routes and the database still answer while the current replay ends. */
    synchronized void stop(@Observes BeforeStop stopped) {
        stopping = true;
        if (runner == null) {
            return;
        }
        runner.shutdown();
        try {
            if (!runner.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("A replay job was still replaying after %d s; left to end with Camel",
                        STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeats.shutdownNow();
        held.forEach(this::interrupt);
    }
}
