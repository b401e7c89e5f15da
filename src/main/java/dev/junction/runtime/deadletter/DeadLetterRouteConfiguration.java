package dev.junction.runtime.deadletter;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.junction.runtime.json.JsonValidationException;

/**
 * Junction's default error handling, for YAML and Java routes alike: failures are redelivered with exponential
 * backoff, then the message as it entered the route goes to the dead-letter store ({@link DeadLetterRoutes}).
 * <p>
 * Camel applies a route configuration without an id to every route that names no {@code routeConfigurationId}, so
 * routes get this without a line of their own. A route that names configurations of its own (for onException
 * clauses, say) gets it back by adding {@value #ID} to its list. A route that wants a Kafka dead-letter topic
 * instead names a configuration of its own with that dead-letter channel (as order intake does).
 */
@ApplicationScoped
public class DeadLetterRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "junction-dead-letters";

    private final FailedAttemptCounter attemptCounter;
    private final int maximumRedeliveries;
    private final long initialDelayMs;
    private final long maximumDelayMs;

    public DeadLetterRouteConfiguration(FailedAttemptCounter attemptCounter,
            @ConfigProperty(name = "junction.dead-letter.redelivery.maximum-redeliveries") int maximumRedeliveries,
            @ConfigProperty(name = "junction.dead-letter.redelivery.initial-delay-ms") long initialDelayMs,
            @ConfigProperty(name = "junction.dead-letter.redelivery.maximum-delay-ms") long maximumDelayMs) {
        this.attemptCounter = attemptCounter;
        this.maximumRedeliveries = maximumRedeliveries;
        this.initialDelayMs = initialDelayMs;
        this.maximumDelayMs = maximumDelayMs;
    }

    @Override
    public void configuration() {
        deadLetters(routeConfiguration());
        deadLetters(routeConfiguration(ID));
    }

    private void deadLetters(RouteConfigurationDefinition configuration) {
        configuration
                .errorHandler(deadLetterChannel(DeadLetterRoutes.ENDPOINT)
                        // Camel's default would log a failure to record and call the message handled: lost.
                        .deadLetterHandleNewException(false)
                        .useOriginalMessage()
                        .onExceptionOccurred(attemptCounter)
                        .maximumRedeliveries(maximumRedeliveries)
                        .redeliveryDelay(initialDelayMs)
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(maximumDelayMs)
                        .retryAttemptedLogLevel(LoggingLevel.WARN));
        // Input that breaks its contract, or that the database cannot store, will not be any better on a retry. (An
        // onException clause has its own say on the original message; without it the route's changes would be
        // dead-lettered.)
        configuration.onException(JsonValidationException.class).maximumRedeliveries(0).useOriginalMessage();
        configuration.onException(SQLException.class).onWhen(new UnstorableData()).maximumRedeliveries(0)
                .useOriginalMessage();
    }
}
