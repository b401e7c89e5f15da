package dev.junction.slo;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Judges every exchange when it ends, for the SLO of the route it entered by (registered with the context when it is
 * configured). Failed: it ended failed; an error handler had to take it (dead-lettered, or answered by an
 * onException); or, entered over HTTP, it answered 5xx. A 4xx answer is the caller's error, not the integration's.
 * Split and multicast parts are judged as part of their exchange, not on their own.
 */
@Singleton
public class RouteOutcomeNotifier extends EventNotifierSupport {

    private final RouteSloMetrics metrics;

    public RouteOutcomeNotifier(RouteSloMetrics metrics) {
        this.metrics = metrics;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    void register(@Observes AfterConfigure configured, CamelContext camel) {
        if (!camel.getManagementStrategy().getEventNotifiers().contains(this)) {
            camel.getManagementStrategy().addEventNotifier(this);
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        if (routeId == null || exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) != null) {
            return;
        }
        boolean failed = failed(exchange);
        metrics.record(routeId, failed, exchange.getClock().elapsed(), failed ? error(exchange) : null);
    }

    private static String error(Exchange exchange) {
        Throwable cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        if (cause != null) {
            return cause.getClass().getName() + ": " + cause.getMessage();
        }
        return "answered HTTP " + exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE);
    }

    static boolean failed(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && exchange.getMessage().getHeader(Exchange.HTTP_METHOD) != null) {
            return status >= 500 || exchange.isFailed();
        }
        return exchange.isFailed() || exchange.getExchangeExtension().isErrorHandlerHandledSet()
                && exchange.getExchangeExtension().isErrorHandlerHandled();
    }
}
