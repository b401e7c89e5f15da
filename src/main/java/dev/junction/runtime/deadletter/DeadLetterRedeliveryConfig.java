package dev.junction.runtime.deadletter;

import io.smallrye.config.ConfigMapping;

/**
 * How a failing message is redelivered before it goes to the dead-letter store ({@link DeadLetterRouteConfiguration}):
 * with exponential backoff, the delay doubling from the initial one up to the maximum.
 */
@ConfigMapping(prefix = "junction.dead-letter.redelivery")
public interface DeadLetterRedeliveryConfig {

    /** Redeliveries after the first attempt; 0 dead-letters a message on its first failure. */
    int maximumRedeliveries();

    long initialDelayMs();

    long maximumDelayMs();
}
