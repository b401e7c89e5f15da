package dev.junction.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.jboss.logging.Logger;

import dev.junction.ops.OperatorKey;
import dev.junction.ops.OpsException;
import dev.junction.problem.ProblemResponses;

/**
 * The dead-letter operations API, {@value #PATH}: REST DSL (so it is in the OpenAPI document at /openapi) onto one
 * small route per operation, each guarded by the operator key.
 */
@ApplicationScoped
public class DeadLetterApiRoutes extends RouteBuilder {

    static final String PATH = "/api/ops/dead-letters";
    private static final String SECURITY = "operatorKey";
    private static final Logger LOG = Logger.getLogger(DeadLetterApiRoutes.class);

    /** One API operation: reads the request off the exchange, returns the JSON answer. */
    @FunctionalInterface
    interface Operation {
        Object handle(Exchange exchange) throws Exception;
    }

    private final DeadLetterApi api;
    private final OperatorKey operatorKey;
    private final ProblemResponses problems;

    public DeadLetterApiRoutes(DeadLetterApi api, OperatorKey operatorKey, ProblemResponses problems) {
        this.api = api;
        this.operatorKey = operatorKey;
        this.problems = problems;
    }

    @Override
    public void configure() {
        RestDefinition rest = rest(PATH)
                .description("Dead letters: what routes gave up on, to see, fix, replay or discard")
                .produces("application/json")
                .securityDefinitions()
                    .apiKey(SECURITY, "The operator key, junction.ops.api-key").withHeader(OperatorKey.HEADER).end()
                .end();

        rest.get().id("list-dead-letters").routeId("list-dead-letters")
                .description("Lists dead letters, most recent failure first")
                .security(SECURITY)
                .param().name("route").type(RestParamType.query).required(false)
                    .description("Only this route's").endParam()
                .param().name("status").type(RestParamType.query).required(false)
                    .description("PENDING, REPLAYING, REPLAYED, DISCARDED, REPLAY_FAILED; comma separated").endParam()
                .param().name("exception").type(RestParamType.query).required(false)
                    .description("Part of the exception class name, any case").endParam()
                .param().name("from").type(RestParamType.query).required(false)
                    .description("Last failure at or after (ISO-8601, e.g. 2026-11-25T10:00:00Z)").endParam()
                .param().name("to").type(RestParamType.query).required(false)
                    .description("Last failure before (ISO-8601)").endParam()
                .param().name("offset").type(RestParamType.query).dataType("integer").required(false)
                    .defaultValue("0").endParam()
                .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                    .defaultValue("50").description("Page size, at most 500").endParam()
                .to("direct:ops-list-dead-letters");

        rest.get("/{id}").id("get-dead-letter").routeId("get-dead-letter")
                .description("One dead letter: its message (body as text, or base64 when binary), headers, failure"
                        + " and replays")
                .security(SECURITY)
                .param().name("id").type(RestParamType.path).endParam()
                .to("direct:ops-get-dead-letter");

        rest.post("/{id}/replay").id("replay-dead-letter").routeId("replay-dead-letter")
                .description("Replays a dead letter into the entry of its route, optionally with an edited body or"
                        + " headers: {\"body\": \"...\", \"bodyEncoding\": \"text|base64\", \"headers\": {...},"
                        + " \"force\": false}. A replayed or discarded one is refused unless forced.")
                .security(SECURITY)
                .param().name("id").type(RestParamType.path).endParam()
                .to("direct:ops-replay-dead-letter");

        rest.post("/replay").id("replay-dead-letters").routeId("replay-dead-letters")
                .description("Replays many, one after the other: {\"ids\": [...]} or {\"filter\": {\"route\", \"status\","
                        + " \"exception\", \"from\", \"to\"}} (default status PENDING,REPLAY_FAILED), plus \"force\"")
                .security(SECURITY)
                .to("direct:ops-replay-dead-letters");

        rest.post("/{id}/discard").id("discard-dead-letter").routeId("discard-dead-letter")
                .description("Discards a dead letter that waits for an operator: {\"reason\": \"...\"}")
                .security(SECURITY)
                .param().name("id").type(RestParamType.path).endParam()
                .to("direct:ops-discard-dead-letter");

        operation("ops-list-dead-letters", "Answers the dead-letter list", api::list);
        operation("ops-get-dead-letter", "Answers one dead letter", api::get);
        operation("ops-replay-dead-letter", "Replays one dead letter", api::replay);
        operation("ops-replay-dead-letters", "Replays dead letters by ids or filter", api::replayMany);
        operation("ops-discard-dead-letter", "Discards one dead letter", api::discard);
    }

    private void operation(String routeId, String description, Operation operation) {
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
