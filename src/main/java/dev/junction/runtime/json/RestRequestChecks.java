package dev.junction.runtime.json;

import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.spi.RestClientRequestValidator;
import org.apache.camel.support.MessageHelper;
import org.apache.camel.support.processor.DefaultRestClientRequestValidator;

import dev.junction.runtime.problem.ProblemResponses;

/**
 * The REST DSL's client request validation ({@code clientRequestValidation: true}: content type, accepted type,
 * required parameters, headers and body), found by Camel by its type, with two changes:
 * <ul>
 * <li>no JSON syntax check: Camel 4.5 and later answer a body that does not parse with a bare 400 "Invalid JSon
 * payload." before the route runs; Junction's routes parse the body themselves ({@link JsonSchemaValidator}) and say
 * where the JSON broke;</li>
 * <li>every refusal is an {@code application/problem+json} document: Camel answers with an empty body and no content
 * type (a 415 for a wrong or missing content type, a 406 for an Accept it cannot meet).</li>
 * </ul>
 * Media types are compared case-insensitively by Junction's edge filter before this runs
 * (dev.junction.runtime.limits.RequestContentType normalises them).
 */
@Singleton
@Unremovable // looked up by type in Camel's registry, which ArC cannot see
public class RestRequestChecks implements RestClientRequestValidator {

    private final RestClientRequestValidator camels = new DefaultRestClientRequestValidator();
    private final ProblemResponses problems;

    public RestRequestChecks(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public ValidationError validate(Exchange exchange, ValidationContext context) {
        ValidationError error = validateWithoutParsing(exchange, context);
        if (error == null) {
            return null;
        }
        String received = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "none", String.class);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.statusCode());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        String body = switch (error.statusCode()) {
            case 415 -> problems.problem(exchange, "unsupported-media-type", "Unsupported media type",
                    "Send the body as " + context.consumes() + " (Content-Type was " + received + ")");
            case 406 -> problems.problem(exchange, "not-acceptable", "Not acceptable",
                    "This resource answers " + context.produces());
            default -> problems.problem(exchange, "bad-request", "Bad request", error.body() != null
                    ? error.body() : "The request lacks its body or a required parameter or header");
        };
        return new ValidationError(error.statusCode(), body);
    }

    /**
     * Camel's checks without its JSON parse, whose verdict Junction ignores and which cost the intake 4% of its CPU
     * (JFR): Camel parses only a body it sees, so it is shown none, and the one body check Junction keeps (a required
     * body is there) is made here.
     */
    private ValidationError validateWithoutParsing(Exchange exchange, ValidationContext context) {
        Object body = exchange.getMessage().getBody();
        exchange.getMessage().setBody(null);
        ValidationError error;
        try {
            error = camels.validate(exchange, new ValidationContext(context.consumes(), context.produces(), false,
                    context.queryDefaultValues(), context.queryAllowedValues(), context.requiredQueryParameters(),
                    context.requiredHeaders()));
        } finally {
            exchange.getMessage().setBody(body);
        }
        if (error == null && context.requiredBody()) {
            String text = MessageHelper.extractBodyAsString(exchange.getMessage());
            if (text == null || text.isEmpty()) {
                return new ValidationError(400, "The request body is missing.");
            }
            exchange.getMessage().setBody(text);
        }
        return error;
    }
}
