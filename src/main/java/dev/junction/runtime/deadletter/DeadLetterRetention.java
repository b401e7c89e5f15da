package dev.junction.runtime.deadletter;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets dead letters that are done with: REPLAYED or DISCARDED and unchanged for longer than
 * {@code junction.dead-letter.retention}, with their replay history. They keep whole orders, and once handled an
 * operator needs them no more. PENDING and REPLAY_FAILED ones wait for an operator and are never purged; REPLAYING
 * ones are in flight. A retention of zero keeps everything.
 * <p>
 * Replay jobs that ended (DONE, INTERRUPTED) longer ago than the retention go too, with their items: a job of 10,000
 * letters is 10,000 rows. Until then its items may name a purged dead letter; they hold no message, and reading that
 * dead letter answers 404 like any id that names none.
 */
@ApplicationScoped
public class DeadLetterRetention {

    private static final Logger LOG = Logger.getLogger(DeadLetterRetention.class);
    // Each batch is one short transaction: a large backlog never holds locks for long.
    private static final int BATCH = 500;

    private final DeadLetterStore store;
    private final ReplayJobStore jobs;
    private final DeadLetterMetrics metrics;
    private final Duration retention;

    public DeadLetterRetention(DeadLetterStore store, ReplayJobStore jobs, DeadLetterMetrics metrics,
            @ConfigProperty(name = "junction.dead-letter.retention") Duration retention) {
        this.store = store;
        this.jobs = jobs;
        this.metrics = metrics;
        this.retention = retention;
    }

    public boolean enabled() {
        return !retention.isZero() && !retention.isNegative();
    }

    /** Run on schedule: a store that does not answer is tried again next time, with one line said. */
    public void run() {
        try {
            purge();
        } catch (Exception e) {
            LOG.warnf("Dead-letter retention purge skipped, the store did not answer: %s", e.toString());
        }
    }

    /** Purges what is past retention; answers how many were purged. */
    public int purge() throws SQLException {
        if (!enabled()) {
            return 0;
        }
        OffsetDateTime before = OffsetDateTime.now().minus(retention);
        int total = 0;
        int batch;
        do {
            Map<String, Integer> purged = store.purgeFinished(before, BATCH);
            purged.forEach(metrics::purged);
            batch = purged.values().stream().mapToInt(Integer::intValue).sum();
            total += batch;
        } while (batch == BATCH);
        if (total > 0) {
            LOG.infof("Purged %d replayed or discarded dead letter(s) unchanged since %s"
                    + " (junction.dead-letter.retention %s)", total, before, retention);
        }
        int jobsPurged = 0;
        do {
            batch = jobs.purgeEnded(before, BATCH / 10);
            jobsPurged += batch;
        } while (batch == BATCH / 10);
        if (jobsPurged > 0) {
            LOG.infof("Purged %d replay job(s) that ended before %s, with their items", jobsPurged, before);
        }
        return total;
    }
}
