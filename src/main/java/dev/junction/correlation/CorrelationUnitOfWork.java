package dev.junction.correlation;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.engine.MDCUnitOfWork;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.UnitOfWork;
import org.slf4j.MDC;

/**
 * Camel's MDC unit of work with one more key: the exchange's correlation id, {@value CorrelationIds#MDC_KEY}, so
 * every log line written while the exchange is processed names it, whichever thread writes it.
 * <p>
 * Camel puts its own keys (camel.routeId, ...) before each step and takes them away after it. The correlation id is
 * put before each step the same way, on whatever thread the step runs (a Kafka consumer, a parallel split, a
 * circuit breaker's copy of the exchange, an asynchronous redelivery), but it stays between steps, because the
 * error handler logs its retries between them. It is taken away only when the exchange leaves its outermost route
 * or is done, and the thread gets back the id it had before: a split item or a circuit breaker attempt hands the
 * thread back to its exchange, a replay to the operator's request that started it, and a pooled thread (an HTTP
 * worker, whose exchange is finished on the event loop) is left without an id rather than with a stale one that
 * would stamp the next unrelated log line.
 */
class CorrelationUnitOfWork extends MDCUnitOfWork {

    private final InflightRepository inflight;
    private final String pattern;
    private final boolean allowUseOriginalMessage;
    private final boolean useBreadcrumb;
    /** The thread this unit of work began on, and the id its MDC held then. */
    private final Thread owner;
    private final String previousId;

    CorrelationUnitOfWork(Exchange exchange, InflightRepository inflight, String pattern,
            boolean allowUseOriginalMessage, boolean useBreadcrumb) {
        this(exchange, inflight, pattern, allowUseOriginalMessage, useBreadcrumb, MDC.get(CorrelationIds.MDC_KEY));
    }

    private CorrelationUnitOfWork(Exchange exchange, InflightRepository inflight, String pattern,
            boolean allowUseOriginalMessage, boolean useBreadcrumb, String previousId) {
        // Camel's constructor already calls prepareMDC: the previous id has to be read before it.
        super(exchange, inflight, pattern, allowUseOriginalMessage, useBreadcrumb);
        this.inflight = inflight;
        this.pattern = pattern;
        this.allowUseOriginalMessage = allowUseOriginalMessage;
        this.useBreadcrumb = useBreadcrumb;
        this.owner = Thread.currentThread();
        this.previousId = previousId;
    }

    @Override
    protected void prepareMDC(Exchange exchange) {
        super.prepareMDC(exchange);
        String id = CorrelationIds.of(exchange);
        if (id != null) {
            MDC.put(CorrelationIds.MDC_KEY, id);
        }
    }

    @Override
    public UnitOfWork newInstance(Exchange exchange) {
        return new CorrelationUnitOfWork(exchange, inflight, pattern, allowUseOriginalMessage, useBreadcrumb);
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
    public void done(Exchange exchange) {
        super.done(exchange);
        leave();
    }

    private void leave() {
        if (previousId != null && Thread.currentThread() == owner) {
            MDC.put(CorrelationIds.MDC_KEY, previousId);
        } else {
            MDC.remove(CorrelationIds.MDC_KEY);
        }
    }
}
