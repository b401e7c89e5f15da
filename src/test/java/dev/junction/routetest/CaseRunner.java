package dev.junction.routetest;

import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.http.HttpUtil;

/**
 * Runs one case in the running application: hands the input to the route's consumer processor, as if the route's
 * consumer had just received it (so it works whatever the route consumes from, and goes through the route's error
 * handling), on this thread, so the outcome is complete when it returns. A stopped route is started for the case and
 * stopped again after it.
 */
@Singleton
public class CaseRunner {

    private final CamelContext camel;
    private final CaseSession session;
    private final RouteInputs inputs;
    private final Snapshots snapshots;
    private final StubAnswers answers;

    public CaseRunner(CamelContext camel, CaseSession session, RouteInputs inputs, Snapshots snapshots,
            StubAnswers answers) {
        this.camel = camel;
        this.session = session;
        this.inputs = inputs;
        this.snapshots = snapshots;
        this.answers = answers;
    }

    public CaseOutcome run(RouteTestCase testCase) throws Exception {
        Route route = camel.getRoute(testCase.routeId());
        if (route == null) {
            throw new IllegalArgumentException("there is no route " + YamlReader.quote(testCase.routeId())
                    + "; the application has: " + String.join(", ", camel.getRoutes().stream()
                            .map(Route::getRouteId).sorted().toList()));
        }
        answers.validate(testCase.stubs());
        RouteController routes = camel.getRouteController();
        boolean startedHere = !routes.getRouteStatus(route.getRouteId()).isStarted();
        if (startedHere) {
            routes.startRoute(route.getRouteId());
        }
        ActiveCase active = session.begin(testCase.stubs());
        try {
            return feed(route, testCase.input(), active);
        } finally {
            session.end(active);
            if (startedHere && routes.getRouteStatus(route.getRouteId()) != ServiceStatus.Stopped) {
                routes.stopRoute(route.getRouteId());
            }
        }
    }

    private CaseOutcome feed(Route route, Input input, ActiveCase active) throws Exception {
        Consumer entry = route.getConsumer();
        Exchange exchange = entry.createExchange(false);
        try {
            active.claim(exchange);
            inputs.apply(input, route, exchange);
            Throwable thrown = null;
            try {
                AsyncProcessorConverterHelper.convert(entry.getProcessor()).process(exchange);
            } catch (Exception e) {
                thrown = e;
            }
            if (!active.misuses().isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", active.misuses()));
            }
            Throwable failure = exchange.getException() != null ? exchange.getException() : thrown;
            return new CaseOutcome(snapshots.of(exchange),
                    HttpUtil.determineResponseCode(exchange, exchange.getMessage().getBody()), failure,
                    active.sent(), active.deadLetters());
        } finally {
            entry.releaseExchange(exchange, false);
        }
    }
}
