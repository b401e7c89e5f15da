package dev.junction.runtime.correlation;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.impl.engine.DefaultUnitOfWork;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.UnitOfWork;
import org.slf4j.MDC;

/**
 * Camel's unit of work, putting three keys in the logging MDC: {@value #ROUTE_ID}, {@value #EXCHANGE_ID} (Camel's own
 * names for them) and the exchange's correlation id, {@value CorrelationIds#MDC_KEY}, so that every log line written
 * while the exchange is processed names them, whichever thread writes it.
 * <p>
 * It stands in for Camel's MDCUnitOfWork, which put six keys before every step, wrapped every step's callback to put
 * them again, and put back or removed eight after it: about twenty MDC writes per step, each a lookup in Quarkus'
 * Vert.x-context MDC, 8% of the HTTP intake's CPU under load (JFR, bench/RESULTS.md). Here the keys stay on the thread
 * between steps, and a step only checks that the thread holds this exchange's and route's ids; it writes them again
 * when it does not (the exchange went on on another thread: a Kafka consumer, a parallel split, a circuit breaker's
 * copy of the exchange, an asynchronous redelivery; or the thread ran another exchange in between). The route id is
 * written when the exchange enters or leaves a route.
 * <p>
 * Staying between steps matters for the correlation id too: the error handler logs its retries between them. The keys
 * are taken away only when the exchange leaves its outermost route on a thread or is done, and the thread gets back
 * the keys it had before: a split item or a circuit breaker attempt hands the thread back to its exchange, a replay to
 * the operator's request that started it, and a pooled thread (an HTTP worker, whose exchange is finished on the event
 * loop) is left without keys rather than with stale ones that would stamp the next unrelated log line.
 */
class CorrelationUnitOfWork extends DefaultUnitOfWork {

    static final String ROUTE_ID = "camel.routeId";
    static final String EXCHANGE_ID = "camel.exchangeId";

    private final InflightRepository inflight;
    private final boolean allowUseOriginalMessage;
    private final boolean useBreadcrumb;
    /** The thread this unit of work began on, and the keys its MDC held then. */
    private final Thread owner;
    private final String previousId;
    private final String previousExchangeId;
    private final String previousRouteId;
    /**
     * Whether the correlation id has been put: the route policy gives the exchange its id after this unit of work
     * began, so the first steps look for it.
     */
    private boolean correlated;

    CorrelationUnitOfWork(Exchange exchange, InflightRepository inflight, boolean allowUseOriginalMessage,
            boolean useBreadcrumb) {
        this(exchange, inflight, allowUseOriginalMessage, useBreadcrumb, MDC.get(CorrelationIds.MDC_KEY),
                MDC.get(EXCHANGE_ID), MDC.get(ROUTE_ID));
    }

    private CorrelationUnitOfWork(Exchange exchange, InflightRepository inflight, boolean allowUseOriginalMessage,
            boolean useBreadcrumb, String previousId, String previousExchangeId, String previousRouteId) {
        super(exchange, inflight, allowUseOriginalMessage, useBreadcrumb);
        this.inflight = inflight;
        this.allowUseOriginalMessage = allowUseOriginalMessage;
        this.useBreadcrumb = useBreadcrumb;
        this.owner = Thread.currentThread();
        this.previousId = previousId;
        this.previousExchangeId = previousExchangeId;
        this.previousRouteId = previousRouteId;
        enter(exchange);
    }

    /** A child (a split item, a multicast copy) gets a unit of work of this kind too: Camel's would log without ids. */
    @Override
    public UnitOfWork createChildUnitOfWork(Exchange childExchange) {
        UnitOfWork child = new CorrelationUnitOfWork(childExchange, inflight, allowUseOriginalMessage, useBreadcrumb);
        child.setParentUnitOfWork(this);
        return child;
    }

    @Override
    public boolean isBeforeAfterProcess() {
        return true;
    }

    @Override
    public AsyncCallback beforeProcess(Processor processor, Exchange exchange, AsyncCallback callback) {
        Route route = getRoute();
        if (!correlated || !exchange.getExchangeId().equals(MDC.get(EXCHANGE_ID))
                || route != null && !route.getRouteId().equals(MDC.get(ROUTE_ID))) {
            enter(exchange);
        }
        return super.beforeProcess(processor, exchange, callback);
    }

    @Override
    public void afterProcess(Processor processor, Exchange exchange, AsyncCallback callback, boolean doneSync) {
        super.afterProcess(processor, exchange, callback, doneSync);
        // No route left on the stack: the exchange has left its outermost route on this thread.
        if (getRoute() == null) {
            leave();
        }
    }

    @Override
    public void pushRoute(Route route) {
        super.pushRoute(route);
        MDC.put(ROUTE_ID, route.getRouteId());
    }

    @Override
    public Route popRoute() {
        Route left = super.popRoute();
        Route current = getRoute();
        if (current != null) {
            MDC.put(ROUTE_ID, current.getRouteId());
        }
        return left;
    }

    @Override
    public void done(Exchange exchange) {
        super.done(exchange);
        leave();
    }

    /** This exchange's keys on the current thread. */
    private void enter(Exchange exchange) {
        MDC.put(EXCHANGE_ID, exchange.getExchangeId());
        String id = CorrelationIds.of(exchange);
        if (id != null) {
            MDC.put(CorrelationIds.MDC_KEY, id);
            correlated = true;
        }
        Route route = getRoute();
        String routeId = route != null ? route.getRouteId() : exchange.getFromRouteId();
        if (routeId != null) {
            MDC.put(ROUTE_ID, routeId);
        }
    }

    private void leave() {
        boolean home = Thread.currentThread() == owner;
        restore(CorrelationIds.MDC_KEY, home ? previousId : null);
        restore(EXCHANGE_ID, home ? previousExchangeId : null);
        restore(ROUTE_ID, home ? previousRouteId : null);
    }

    private static void restore(String key, String previous) {
        if (previous != null) {
            MDC.put(key, previous);
        } else {
            MDC.remove(key);
        }
    }
}
