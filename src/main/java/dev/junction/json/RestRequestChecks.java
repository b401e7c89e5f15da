package dev.junction.json;

import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.spi.RestClientRequestValidator;
import org.apache.camel.support.processor.DefaultRestClientRequestValidator;

/**
 * The REST DSL's client request validation ({@code clientRequestValidation: true}: content type, accepted type,
 * required parameters and headers), found by Camel by its type, minus its JSON syntax check. Camel 4.5 and later
 * answer a body that does not parse with a bare 400 "Invalid JSon payload." before the route runs; Junction's routes
 * parse the body themselves ({@link JsonSchemaValidator}) and answer an {@code application/problem+json} document
 * that says where the JSON broke, as they did on Camel 4.4.
 */
@Singleton
@Unremovable // looked up by type in Camel's registry, which ArC cannot see
public class RestRequestChecks implements RestClientRequestValidator {

    /** The text of Camel's JSON syntax refusal, the one check left to the routes. */
    static final String INVALID_JSON = "Invalid JSon payload.";

    private final RestClientRequestValidator camels = new DefaultRestClientRequestValidator();

    @Override
    public ValidationError validate(Exchange exchange, ValidationContext context) {
        ValidationError error = camels.validate(exchange, context);
        return error != null && INVALID_JSON.equals(error.body()) ? null : error;
    }
}
