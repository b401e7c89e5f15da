package dev.junction.runtime.deadletter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Dead-letter metrics, by route: {@code junction_dead_letters_recorded_total}, {@code ..._replayed_total},
 * {@code ..._replay_failed_total}, {@code ..._discarded_total}, {@code ..._journaled_total} (kept in the file journal
 * because the store was down), {@code ..._purged_total} (deleted by the retention purge), and the gauges
 * {@code junction_dead_letters_pending} (waiting for an operator:
 * PENDING or REPLAY_FAILED) and {@code junction_dead_letters_journal_size} (journaled, not yet in the store).
 */
@ApplicationScoped
public class DeadLetterMetrics {

    private static final Logger LOG = Logger.getLogger(DeadLetterMetrics.class);

    private final MeterRegistry registry;
    private final DeadLetterStore store;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();

    public DeadLetterMetrics(MeterRegistry registry, DeadLetterStore store, DeadLetterJournal journal) {
        this.registry = registry;
        this.store = store;
        Gauge.builder("junction.dead_letters.journal_size", journal, DeadLetterJournal::size)
                .description("Dead letters kept in the file journal, waiting for the store").register(registry);
    }

    public void recorded(String route) {
        count("junction.dead_letters.recorded", route);
    }

    public void journaled(String route) {
        count("junction.dead_letters.journaled", route);
    }

    public void replayed(String route) {
        count("junction.dead_letters.replayed", route);
    }

    public void replayFailed(String route) {
        count("junction.dead_letters.replay_failed", route);
    }

    public void discarded(String route) {
        count("junction.dead_letters.discarded", route);
    }

    public void purged(String route, int count) {
        Counter.builder("junction.dead_letters.purged").tag("route", route).register(registry).increment(count);
    }

    /**
     * One more dead letter of this route waits for an operator, as this replica just stored it: counted at once, the
     * next {@link #refreshPending()} makes the figure exact again.
     */
    public void awaiting(String route) {
        pending.computeIfAbsent(route, this::pendingGauge).incrementAndGet();
    }

    /**
     * Re-reads the pending counts from the store: they change through other replicas too, and replays and discards
     * are not counted one by one. Done on each journal drain and after an operator's replay or discard. A store that
     * does not answer leaves the last known figures.
     */
    public void refreshPending() {
        Map<String, Long> counts;
        try {
            counts = store.awaitingByRoute();
        } catch (Exception e) {
            LOG.debugf("Pending dead letters not counted, the store did not answer: %s", e);
            return;
        }
        pending.forEach((route, gauge) -> gauge.set(counts.getOrDefault(route, 0L)));
        counts.forEach((route, count) -> pending.computeIfAbsent(route, this::pendingGauge).set(count));
    }

    private AtomicLong pendingGauge(String route) {
        AtomicLong value = new AtomicLong();
        Gauge.builder("junction.dead_letters.pending", value, AtomicLong::get)
                .description("Dead letters waiting for an operator (PENDING or REPLAY_FAILED)")
                .tag("route", route).register(registry);
        return value;
    }

    private void count(String name, String route) {
        Counter.builder(name).tag("route", route).register(registry).increment();
    }
}
