package dev.junction.runtime.deadletter;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * Keeps what a dead-letter channel hands over: in the store, or when the store fails, in the file journal. Only when
 * both fail does it throw, and then the dead-letter channel fails too: the message is not acknowledged (a Kafka
 * offset is not committed, an HTTP caller gets an error) rather than lost.
 */
@ApplicationScoped
public class DeadLetterRecorder {

    /** Set on the exchange once its dead letter is kept: the dead letter's id. */
    public static final String DEAD_LETTER_ID = "JunctionDeadLetterId";
    private static final Logger LOG = Logger.getLogger(DeadLetterRecorder.class);

    private final FailureCapture capture;
    private final DeadLetterStore store;
    private final DeadLetterJournal journal;
    private final DeadLetterMetrics metrics;

    public DeadLetterRecorder(FailureCapture capture, DeadLetterStore store, DeadLetterJournal journal,
            DeadLetterMetrics metrics) {
        this.capture = capture;
        this.store = store;
        this.journal = journal;
        this.metrics = metrics;
    }

    public void record(Exchange exchange) throws Exception {
        FailedMessage message = capture.capture(exchange);
        try {
            save(message);
            LOG.warnf("Route %s dead-lettered a message as %s after %d attempt(s): %s: %s", message.routeId(),
                    message.id(), message.attempts(), message.exceptionClass(), message.exceptionMessage());
        } catch (Exception storeFailure) {
            Path kept;
            try {
                kept = journal.write(message);
            } catch (Exception journalFailure) {
                journalFailure.addSuppressed(storeFailure);
                LOG.errorf("Neither the dead-letter store (%s) nor the journal (%s) took route %s's dead letter: the"
                        + " message is not acknowledged, its consumer sees the failure", storeFailure, journalFailure,
                        message.routeId());
                throw journalFailure;
            }
            metrics.journaled(message.routeId());
            LOG.errorf("The dead-letter store failed (%s); route %s's dead letter %s is kept in the journal at %s"
                    + " and moves into the store when it answers again", storeFailure, message.routeId(),
                    message.id(), kept);
        }
        exchange.setProperty(DEAD_LETTER_ID, message.id());
    }

    /**
     * Run periodically: moves journaled dead letters into the store, and re-counts the pending ones (other replicas
     * and a restart change them too).
     */
    public void drainJournal() {
        journal.drain(this::save);
        metrics.refreshPending();
    }

    private void save(FailedMessage message) throws Exception {
        if (store.save(message)) {
            // Not recounted from the store here: in a storm of failures that count, once per letter, was most of
            // the time each letter took (ReplayJobKillIT's 10,000: 68 s).
            metrics.awaiting(message.routeId());
        }
        if (!message.replay()) {
            metrics.recorded(message.routeId());
        }
    }
}
