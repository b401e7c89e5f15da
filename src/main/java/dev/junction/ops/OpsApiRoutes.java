package dev.junction.ops;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestDefinition;
import org.jboss.logging.Logger;

import dev.junction.problem.ProblemResponses;

/**
 * What every part of the operations API ({@code /api/ops/*}) shares: REST DSL (so each is in the OpenAPI document at
 * /openapi) onto one small route per operation, each guarded by the operator key, answering JSON or a problem.
 */
public abstract class OpsApiRoutes extends RouteBuilder {

    /** The OpenAPI security scheme every operation names. */
    protected static final String SECURITY = "operatorKey";
    private static final Logger LOG = Logger.getLogger(OpsApiRoutes.class);

    /** One API operation: reads the request off the exchange, returns the JSON answer. */
    @FunctionalInterface
    protected interface Operation {
        Object handle(Exchange exchange) throws Exception;
    }

    private final OperatorKey operatorKey;
    private final ProblemResponses problems;

    protected OpsApiRoutes(OperatorKey operatorKey, ProblemResponses problems) {
        this.operatorKey = operatorKey;
        this.problems = problems;
    }

    /** The REST DSL for one resource of the API, with the operator key as its security scheme. */
    protected RestDefinition opsRest(String path, String description) {
        return rest(path)
                .description(description)
                .produces("application/json")
                .securityDefinitions()
                    .apiKey(SECURITY, "The operator key, junction.ops.api-key").withHeader(OperatorKey.HEADER).end()
                .end();
    }

    /** The route behind one REST operation, at {@code direct:<routeId>}. */
    protected void operation(String routeId, String description, Operation operation) {
        from("direct:" + routeId)
                .routeId(routeId)
                .description(description)
                // Errors are answers here, never dead letters or retries.
                .errorHandler(defaultErrorHandler())
                .onException(OpsException.class).handled(true).maximumRedeliveries(0)
                    .process(this::problem)
                .end()
                .onException(Exception.class).handled(true).maximumRedeliveries(0)
                    .process(this::internalError)
                .end()
                .process(operatorKey::check)
                .process(exchange -> answer(exchange, 200, operation.handle(exchange)));
    }

    private void problem(Exchange exchange) {
        OpsException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, OpsException.class);
        answerProblem(exchange, failure.status(),
                problems.problem(exchange, "ops-" + failure.status(), failure.title(), failure.getMessage()));
        if (failure.status() == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "ApiKey header=\"" + OperatorKey.HEADER + "\"");
        }
    }

    private void internalError(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.errorf(failure, "Operations API request %s %s failed", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                exchange.getMessage().getHeader(Exchange.HTTP_URI));
        answerProblem(exchange, 500, problems.internalError(exchange));
    }

    /** The status goes on first: the problem body repeats it. */
    private static void answerProblem(Exchange exchange, int status, String problem) {
        answer(exchange, status, null);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        exchange.getMessage().setBody(problem);
    }

    /** The request's headers (the operator key above all) must not be echoed back as response headers. */
    private static void answer(Exchange exchange, int status, Object body) {
        exchange.getMessage().removeHeaders("*", "Camel*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body);
    }
}
