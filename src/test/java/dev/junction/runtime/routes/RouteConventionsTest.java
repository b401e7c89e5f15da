package dev.junction.runtime.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Junction's route conventions, checked on the running CamelContext: YAML routes from routes/ and Java DSL routes
 * side by side, every route with an explicit kebab-case id and a description, all started.
 */
@QuarkusTest
class RouteConventionsTest {

    @Inject
    CamelContext camel;

    @Inject
    KnownRoutes known;

    @Test
    void yamlAndJavaRoutesShareOneContext() {
        assertThat(known.all()).extracting(Route::getRouteId)
                .contains("accept-order", "accept-order-batch", "order-dead-letter", "post-order", "post-order-batch",
                        "order-publisher", "fulfil-order", "reserve-line", "call-inventory", "record-fulfilment",
                        "inventory-stand-in", "junction-dead-letter", "junction-dead-letter-journal",
                        "list-dead-letters", "ops-replay-dead-letter", "openapi");
        assertThat(camel.getRoute("accept-order").getSourceLocation()).startsWith("file:routes/order-intake.yaml");
    }

    @Test
    void everyRouteHasAKebabCaseIdAndADescription() {
        List<Route> routes = known.all();
        assertThat(routes).isNotEmpty();
        assertThat(routes).allSatisfy(route -> {
            assertThat(route.getRouteId()).as("route from %s", route.getSourceLocation())
                    .matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
            assertThat(description(route)).as("description of %s", route.getRouteId()).isNotBlank();
        });
    }

    /**
     * REST DSL routes carry their description on the REST verb (where OpenAPI reads it), not on the route; the route
     * serving the OpenAPI document is Camel's own and says what it is by its id.
     */
    private String description(Route route) {
        if (route.getEndpoint().getEndpointUri().startsWith("rest-api:")) {
            return route.getRouteId();
        }
        if (!"true".equals(route.getProperties().get(Route.REST_PROPERTY))) {
            return route.getRouteDescription();
        }
        return ((ModelCamelContext) camel).getRestDefinitions().stream().flatMap(rest -> rest.getVerbs().stream())
                .filter(verb -> route.getRouteId().equals(verb.getRouteId()))
                .map(verb -> verb.getDescriptionText()).findFirst().orElse(null);
    }

    @Test
    void everyRouteIsStartedExceptTheDevModeStandInAndTheSchedules() {
        // The test profile starts no schedule: tests run scheduled jobs themselves, tick by tick.
        List<String> stopped = List.of("inventory-stand-in", "inventory-sync-schedule");
        assertThat(known.all()).allSatisfy(route -> assertThat(
                camel.getRouteController().getRouteStatus(route.getRouteId())).as(route.getRouteId())
                .isEqualTo(stopped.contains(route.getRouteId()) ? ServiceStatus.Stopped : ServiceStatus.Started));
    }

    @Test
    void testProfileOverridesTakeEffectInRoutes() {
        // config/application.properties shortens the redelivery backoff for %test; a misspelt key would silently
        // leave the production delays in place and slow every DLQ test down.
        assertThat(camel.resolvePropertyPlaceholders("{{orders.redelivery.initial-delay-ms}}")).isEqualTo("20");
        assertThat(camel.resolvePropertyPlaceholders("{{orders.redelivery.maximum-delay-ms}}")).isEqualTo("100");
        assertThat(camel.resolvePropertyPlaceholders("{{junction.dead-letter.redelivery.initial-delay-ms}}"))
                .isEqualTo("20");
        assertThat(camel.resolvePropertyPlaceholders("{{junction.dead-letter.redelivery.maximum-delay-ms}}"))
                .isEqualTo("100");
        assertThat(camel.resolvePropertyPlaceholders("{{inventory.circuit-breaker.request-volume-threshold}}"))
                .isEqualTo("1000");
    }
}
