package dev.junction.deadletter;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts the failed deliveries of an exchange. Wire it as an error handler's {@code onExceptionOccurredRef}, which
 * Camel calls after every failed attempt: Camel removes its own redelivery counter header before it hands an
 * exhausted exchange to the dead-letter channel, so the count has to be kept alongside.
 */
@Singleton
@Named("failedAttemptCounter")
public class FailedAttemptCounter implements Processor {

    static final String PROPERTY = "JunctionFailedAttempts";

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(PROPERTY, attempts(exchange) + 1);
    }

    /** Failed deliveries so far; 0 when the error handler was not wired with this counter. */
    public static int attempts(Exchange exchange) {
        return exchange.getProperty(PROPERTY, 0, Integer.class);
    }
}
