package dev.junction.runtime.limits;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.junction.runtime.problem.EdgeProblems;

/**
 * A request's body must arrive within {@code junction.http.body-read-timeout} of its headers; otherwise it is
 * answered 408 and its connection closed. Vert.x' idle timeout only notices a connection that sends nothing, so a
 * client trickling a byte now and then held a slot of the load-shedding budget (and a connection) for as long as it
 * liked: 270 of them starved every authenticated caller.
 */
@Singleton
public class BodyReadDeadline {

    /** Before everything else: even a request that will be refused must not trickle for longer than this. */
    private static final int PRIORITY = 400;

    private final long deadlineMs;
    private final EdgeProblems problems;
    private final Counter cut;

    public BodyReadDeadline(@ConfigProperty(name = "junction.http.body-read-timeout") Duration deadline,
            EdgeProblems problems, MeterRegistry registry) {
        this.deadlineMs = deadline.toMillis();
        this.problems = problems;
        this.cut = Counter.builder("junction.http.requests.too.slow")
                .description("Requests answered 408 because their body did not arrive within"
                        + " junction.http.body-read-timeout")
                .register(registry);
    }

    void register(@Observes Filters filters) {
        if (deadlineMs > 0) {
            filters.register(this::watch, PRIORITY);
        }
    }

    private void watch(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.isEnded() || !hasBody(request)) {
            context.next();
            return;
        }
        long timer = context.vertx().setTimer(deadlineMs, fired -> {
            if (!request.isEnded() && !context.response().ended()) {
                cut.increment();
                context.response().putHeader("Connection", "close");
                problems.send(context, 408, "request-timeout", "The request body arrived too slowly",
                        "The body must arrive within " + deadlineMs + " ms of the request's headers.");
                request.connection().close();
            }
        });
        context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
        context.next();
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
    }
}
