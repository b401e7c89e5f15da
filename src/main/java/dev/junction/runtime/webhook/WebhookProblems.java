package dev.junction.runtime.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import dev.junction.runtime.problem.ProblemResponses;

/** Answers a {@link WebhookException} with its status and a problem body; the request's headers are not echoed. */
@Singleton
@Named("webhookProblems")
@RegisterForReflection
public class WebhookProblems implements Processor {

    private final ProblemResponses problems;

    public WebhookProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void process(Exchange exchange) {
        WebhookException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WebhookException.class);
        exchange.getMessage().removeHeaders("*", "Camel*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, failure.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        exchange.getMessage()
                .setBody(problems.problem(exchange, failure.type(), failure.title(), failure.getMessage()));
    }
}
