package dev.junction.runtime.deadletter;

import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;

/**
 * Describes why an exchange ended up in a dead-letter channel, as {@code junction.error.*} headers, so whoever reads
 * the dead letter (an operator, a replay tool) sees the failure beside the original body. Values are strings on
 * purpose: Kafka record headers are bytes, and strings read the same in every consumer and in {@code kcat}.
 */
@Singleton
@Named("failureHeaders")
public class FailureHeaders implements Processor {

    public static final String PREFIX = "junction.error.";
    static final int MAX_MESSAGE_LENGTH = 2000;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Throwable failure = unwrap(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        if (failure != null) {
            message.setHeader(PREFIX + "exception-class", failure.getClass().getName());
            message.setHeader(PREFIX + "exception-message", truncate(String.valueOf(failure.getMessage())));
        }
        setIfKnown(message, "route-id", exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class));
        setIfKnown(message, "endpoint", exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class));
        message.setHeader(PREFIX + "attempts", String.valueOf(FailedAttemptCounter.attempts(exchange)));
        message.setHeader(PREFIX + "failed-at", Instant.now().toString());
    }

    /**
     * Wrappers say nothing; their cause is the failure: future-style ones (a synchronous Kafka send throws one) and
     * Camel's own (the circuit breaker wraps what failed inside it).
     */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CompletionException
                || current.getClass() == RuntimeCamelException.class) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static void setIfKnown(Message message, String name, String value) {
        if (value != null) {
            message.setHeader(PREFIX + name, value);
        }
    }

    static String truncate(String text) {
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
}
