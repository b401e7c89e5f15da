package dev.junction.runtime.deadletter;

import java.time.OffsetDateTime;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts the failed deliveries of an exchange. Wire it as an error handler's {@code onExceptionOccurredRef}, which
 * Camel calls after every failed attempt: Camel removes its own redelivery counter header before it hands an
 * exhausted exchange to the dead-letter channel, so the count has to be kept alongside. It also notes when the
 * first attempt failed, for the dead-letter store.
 */
@Singleton
@Named("failedAttemptCounter")
public class FailedAttemptCounter implements Processor {

    static final String PROPERTY = "JunctionFailedAttempts";
    static final String FIRST_FAILED_AT = "JunctionFirstFailedAt";

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(PROPERTY, attempts(exchange) + 1);
        if (exchange.getProperty(FIRST_FAILED_AT) == null) {
            exchange.setProperty(FIRST_FAILED_AT, OffsetDateTime.now());
        }
    }

    /** When the first delivery failed; null when the error handler was not wired with this counter. */
    public static OffsetDateTime firstFailedAt(Exchange exchange) {
        return exchange.getProperty(FIRST_FAILED_AT, OffsetDateTime.class);
    }

    /** Failed deliveries so far; 0 when the error handler was not wired with this counter. */
    public static int attempts(Exchange exchange) {
        return exchange.getProperty(PROPERTY, 0, Integer.class);
    }
}
