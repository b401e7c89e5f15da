package dev.junction.runtime.deadletter;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import dev.junction.runtime.problem.ProblemResponses;

/**
 * The dead-letter channel's end every route shares ({@value #ENDPOINT}), the job that empties the fallback
 * journal into the store, and the retention purge of dead letters done with.
 */
@ApplicationScoped
public class DeadLetterRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:junction-dead-letter";

    private final DeadLetterRecorder recorder;
    private final ProblemResponses problems;
    private final DeadLetterRetention retention;

    public DeadLetterRoutes(DeadLetterRecorder recorder, ProblemResponses problems, DeadLetterRetention retention) {
        this.recorder = recorder;
        this.problems = problems;
        this.retention = retention;
    }

    @Override
    public void configure() {
        // Camel DSL: the indentation shows the nesting of clauses and steps; kept as written.
        // @formatter:off
        from(ENDPOINT)
                .routeId("junction-dead-letter")
                .description("Records a message a route's dead-letter channel gave up on in the dead-letter store")
                // A failure to keep the message must fail the dead-letter channel itself, not be dead-lettered.
                .errorHandler(noErrorHandler())
                .process(recorder::record)
                // A route fed over HTTP answers its caller with this exchange: a 500 naming the dead letter, not
                // the request echoed back with a 200.
                .filter(header(Exchange.HTTP_METHOD).isNotNull())
                    .removeHeaders("*", "Camel*")
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(500))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/problem+json"))
                    .setBody(this::deadLetterKept)
                .end();

        from("timer:junction-dead-letter-journal?period={{junction.dead-letter.journal.drain-interval-ms}}")
                .routeId("junction-dead-letter-journal")
                .description("Moves dead letters kept in the file journal into the store once it answers")
                .errorHandler(noErrorHandler())
                .process(exchange -> recorder.drainJournal());

        // Every replica runs it: the delete is the same whoever runs it, and a replica that stops leaves none behind.
        from("timer:junction-dead-letter-retention?delay={{junction.dead-letter.purge-interval-ms}}"
                + "&period={{junction.dead-letter.purge-interval-ms}}")
                .routeId("junction-dead-letter-retention")
                .description("Purges replayed and discarded dead letters older than junction.dead-letter.retention")
                .errorHandler(noErrorHandler())
                .process(exchange -> retention.run());
        // @formatter:on
    }

    /** The answer to a request a route gave up on: kept in the store, for operators to replay. */
    private String deadLetterKept(Exchange exchange) {
        ObjectNode problem = problems.create(exchange, "dead-lettered", Map.of());
        problem.put("title", "The request could not be processed");
        problem.put("detail", "Processing failed after " + FailedAttemptCounter.attempts(exchange)
                + " attempt(s). The request has been kept for operators, who can replay it.");
        problem.put("deadLetterId", exchange.getProperty(DeadLetterRecorder.DEAD_LETTER_ID, String.class));
        return problem.toString();
    }
}
