package dev.junction.routetest;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailureHandledEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Records, for the running case, what stubbable endpoints do not see: sends to the endpoints they leave alone
 * (direct: routes, the dead-letter channel's endpoint, metrics), and dead-lettering, which Camel announces as a
 * failure handled by a dead-letter channel.
 */
final class SendRecorder extends EventNotifierSupport {

    private final CaseSession session;
    private final Snapshots snapshots;
    private final Destinations destinations;

    SendRecorder(CaseSession session, Snapshots snapshots, Destinations destinations) {
        this.session = session;
        this.snapshots = snapshots;
        this.destinations = destinations;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSendingEvent || event instanceof ExchangeFailureHandledEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending && !(sending.getEndpoint() instanceof StubbedEndpoint)) {
            Exchange exchange = sending.getExchange();
            session.of(exchange).ifPresent(active -> active.sent(new SentMessage(
                    destinations.of(exchange, sending.getEndpoint()), sending.getEndpoint().getEndpointUri(),
                    snapshots.of(exchange))));
        } else if (event instanceof ExchangeFailureHandledEvent handled && handled.isDeadLetterChannel()) {
            Exchange exchange = handled.getExchange();
            session.of(exchange).ifPresent(active -> active.deadLettered(new DeadLettered(
                    handled.getDeadLetterUri(), exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))));
        }
    }
}
