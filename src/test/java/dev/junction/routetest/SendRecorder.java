package dev.junction.routetest;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailureHandledEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Reports to {@link StubbedSends}, for the running case, what stubbable endpoints do not see: sends to the endpoints
 * they leave alone (direct: routes, the dead-letter channel's endpoint, metrics), and dead-lettering, which Camel
 * announces as a failure handled by a dead-letter channel.
 */
final class SendRecorder extends EventNotifierSupport {

    private final StubbedSends sends;

    SendRecorder(StubbedSends sends) {
        this.sends = sends;
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
            sends.sentUnstubbed(sending.getExchange(), sending.getEndpoint());
        } else if (event instanceof ExchangeFailureHandledEvent handled && handled.isDeadLetterChannel()) {
            sends.deadLettered(handled.getExchange(), handled.getDeadLetterUri());
        }
    }
}
