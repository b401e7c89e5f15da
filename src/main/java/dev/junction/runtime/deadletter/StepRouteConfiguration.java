package dev.junction.runtime.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * For routes called with {@code direct:} from another route: no error handler of their own, so a failure reaches the
 * route the message entered through, whose handler decides once (retries, dead-letters or answers).
 * <p>
 * A handler of their own would mark a failure as exhausted, and the entry route would neither retry nor dead-letter
 * it (a Kafka consumer would stop on the record). A route names it with {@code routeConfigurationId:} {@value #ID}.
 */
@ApplicationScoped
public class StepRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "junction-steps";

    @Override
    public void configuration() {
        routeConfiguration(ID).description("For routes called with direct: failures reach the calling route's handler")
                .errorHandler(noErrorHandler());
    }
}
