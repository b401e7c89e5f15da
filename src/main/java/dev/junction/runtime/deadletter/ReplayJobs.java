package dev.junction.runtime.deadletter;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.junction.runtime.ops.OpsException;

/**
 * Runs replay jobs in the background, one at a time per replica, each dead letter through
 * {@link DeadLetterReplayer} as a single replay would go. Every outcome is stored as soon as that dead letter is done
 * ({@link ReplayJobStore}), so any replica shows the progress.
 * <p>
 * A job outlives its replica. The replica holding a job (its {@code runner}) moves the job's heartbeat every quarter
 * of {@code junction.dead-letter.replay.job-lost-after}; a job whose heartbeat is older than that lost its replica
 * (kill -9, a lost node), and a replica that stops gracefully lets its jobs go at once after finishing the letter in
 * hand. Every replica looks for such jobs at startup and on each heartbeat, and the first to claim one goes on with
 * its unfinished items, taking back the letter the lost replica was replaying (its claim names the job). That letter
 * may have had its effect before the replica died, so it goes through its route again: at least once, which an
 * idempotent route absorbs. A job resumed {@code junction.dead-letter.replay.job-max-resumes} times is marked
 * INTERRUPTED instead, and so is one whose store failed under it.
 */
@ApplicationScoped
public class ReplayJobs {

    /** Recount the pending-letter gauges this often in a job, not for each of its thousands. */
    private static final int GAUGE_EVERY = 100;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ReplayJobs.class);

    private final ReplayJobStore store;
    private final DeadLetterReplayer replayer;
    private final DeadLetterMetrics metrics;
    private final CamelContext camel;
    private final Duration lostAfter;
    private final int maxResumes;
    /** This replica, as the runner column names it; new with each start. */
    private final String replica = UUID.randomUUID().toString();
    /** The unfinished jobs this replica holds; only their heartbeat is moved on. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ExecutorService runner;
    private ScheduledExecutorService heartbeats;
    private volatile boolean stopping;

    public ReplayJobs(ReplayJobStore store, DeadLetterReplayer replayer, DeadLetterMetrics metrics,
            CamelContext camel,
            @ConfigProperty(name = "junction.dead-letter.replay.job-lost-after") Duration lostAfter,
            @ConfigProperty(name = "junction.dead-letter.replay.job-max-resumes") int maxResumes) {
        this.store = store;
        this.replayer = replayer;
        this.metrics = metrics;
        this.camel = camel;
        this.lostAfter = lostAfter;
        this.maxResumes = maxResumes;
    }

    /** After Camel started: the routes replays go into are up, and the schema is migrated (embedded PostgreSQL). */
    synchronized void start(@Observes AfterStart started) {
        // Camel's executor manager shuts both down with the CamelContext, should stop() not have.
        runner = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "junction-replay-jobs");
        heartbeats = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "junction-replay-job-heartbeats");
        long beat = Math.max(1, lostAfter.toMillis() / 4);
        heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, beat, TimeUnit.MILLISECONDS);
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
        store.create(id, replica, ids.isEmpty() ? ReplayJobStatus.DONE : ReplayJobStatus.QUEUED, requestedBy, now,
                selection.force(), filterJson, ids);
        if (!ids.isEmpty() && !queue(id)) {
            store.interrupt(id, replica, now);
            throw new OpsException(503, "Replay jobs are not running", "Junction is stopping; ask again once it runs");
        }
        LOG.infof("Replay job %s of %d dead letter(s) queued for %s", id, ids.size(), requestedBy);
        return store.find(id).orElseThrow();
    }

    private boolean queue(String id) {
        held.add(id);
        try {
            runner.execute(() -> run(id));
            return true;
        } catch (RejectedExecutionException e) {
            held.remove(id);
            return false;
        }
    }

    private void run(String id) {
        try {
            if (stopping) {
                release(id);
                return;
            }
            ReplayJob job = store.find(id).orElseThrow();
            if (!store.start(id, replica, OffsetDateTime.now())) {
                LOG.warnf("Replay job %s is %s and held by another replica or none, not started here", id,
                        job.status());
                return;
            }
            // Its own id is the claim on each letter: resumed, it takes back the one it was on when its replica went.
            String claim = id;
            ReplayRequest request = ReplayRequest.asStored(job.force(), job.requestedBy());
            int done = 0;
            for (ReplayJobItem item : store.unfinishedItems(id)) {
                if (stopping) {
                    release(id);
                    return;
                }
                ReplayOutcome outcome = replayer.replayAs(claim, item.deadLetterId(), request);
                if (!store.recordOutcome(id, replica, item.position(), outcome, OffsetDateTime.now())) {
                    LOG.warnf("Replay job %s was taken over by another replica (no heartbeat from here for %s);"
                            + " stopped here", id, lostAfter);
                    return;
                }
                if (++done % GAUGE_EVERY == 0) {
                    metrics.refreshPending();
                }
            }
            store.finish(id, replica, OffsetDateTime.now());
            ReplayJob finished = store.find(id).orElseThrow();
            LOG.infof("Replay job %s done: %d dead letter(s), %s%s", id, finished.total(), finished.outcomes(),
                    finished.resumes() == 0 ? "" : ", resumed " + finished.resumes() + " time(s)");
        } catch (Exception e) {
            // The store or a replay failed outside the route's own error handling: the job cannot go on.
            LOG.errorf(e, "Replay job %s stopped", id);
            interrupt(id);
        } finally {
            held.remove(id);
            metrics.refreshPending();
        }
    }

    /** Keeps the held jobs alive, then takes over the jobs other replicas lost or let go. */
    private void heartbeat() {
        OffsetDateTime now = OffsetDateTime.now();
        try {
            if (!held.isEmpty()) {
                store.heartbeat(Set.copyOf(held), replica, now);
            }
        } catch (Exception e) {
            // Kept alive for the next beat: a store down now may answer again before a job counts as lost.
            LOG.warnf("Replay job heartbeat not stored: %s", e);
            return;
        }
        try {
            OffsetDateTime lostBefore = now.minus(lostAfter);
            for (String id : store.orphaned(lostBefore)) {
                if (stopping) {
                    return;
                }
                if (held.contains(id)) {
                    continue;
                }
                if (store.takeOver(id, replica, lostBefore, maxResumes, now)) {
                    if (queue(id)) {
                        LOG.warnf("Replay job %s taken over: its replica stopped or went without ending it; it goes"
                                + " on here", id);
                    } else {
                        release(id);
                    }
                } else if (store.find(id).map(job -> job.status() == ReplayJobStatus.INTERRUPTED).orElse(false)) {
                    LOG.errorf("Replay job %s marked INTERRUPTED: its replica went %d time(s), it is not resumed"
                            + " again (junction.dead-letter.replay.job-max-resumes)", id, maxResumes);
                }
            }
        } catch (Exception e) {
            LOG.warnf("Replay jobs left by other replicas not looked for: %s", e);
        }
    }

    private void release(String id) {
        try {
            if (store.release(id, replica)) {
                LOG.infof("Replay job %s let go: Junction stops; another replica, or this one once restarted, goes"
                        + " on with it", id);
            }
        } catch (Exception e) {
            LOG.warnf("Replay job %s not let go (it is taken over when its heartbeat is %s old): %s", id, lostAfter,
                    e);
        }
    }

    private void interrupt(String id) {
        try {
            if (store.interrupt(id, replica, OffsetDateTime.now())) {
                LOG.warnf("Replay job %s marked INTERRUPTED", id);
            }
        } catch (Exception e) {
            LOG.warnf("Replay job %s not marked INTERRUPTED (it is taken over when its heartbeat is %s old): %s", id,
                    lostAfter, e);
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
        held.forEach(this::release);
    }
}
