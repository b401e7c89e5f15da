package dev.junction.runtime.correlation;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The correlation id at Junction's HTTP edge, for every request: the caller's {@value CorrelationIds#HEADER} when
 * acceptable, otherwise a new one, written back into the request (so the route reading it gets the same id) and
 * answered on the response, whatever answers it: a route, a problem, a 404, the health checks. It is decided here,
 * before Camel, because platform-http writes a response before the exchange is done and after the route removed
 * its headers, so a route cannot add it reliably.
 */
@Singleton
public class HttpCorrelation {

    /** Before Quarkus' own filters and every route: the id must be settled before anything logs. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters) {
        filters.register(this::correlate, PRIORITY);
    }

    private void correlate(RoutingContext request) {
        String id = CorrelationIds.acceptOrGenerate(request.request().getHeader(CorrelationIds.HEADER));
        request.request().headers().set(CorrelationIds.HEADER, id);
        request.addHeadersEndHandler(ignored -> request.response().headers().set(CorrelationIds.HEADER, id));
        request.next();
    }
}
