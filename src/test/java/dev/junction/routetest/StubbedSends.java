package dev.junction.routetest;

import java.util.Optional;

import jakarta.inject.Singleton;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;

/**
 * The running case's sends, recorded as the endpoint they went to and the message as it left, whichever part of the
 * runner sees them: a send through a stubbable endpoint is recorded here and the first stub matching it answers in
 * memory (otherwise the real producer sends it); SendRecorder reports the sends and dead-lettering that stubbable
 * endpoints do not see.
 */
@Singleton
public class StubbedSends {

    private final CaseSession session;
    private final Snapshots snapshots;
    private final Destinations destinations;
    private final StubAnswers answers;

    public StubbedSends(CaseSession session, Snapshots snapshots, Destinations destinations, StubAnswers answers) {
        this.session = session;
        this.snapshots = snapshots;
        this.destinations = destinations;
        this.answers = answers;
    }

    /** True when a stub answered (the exchange holds its reply or failure); false when the real send must happen. */
    boolean answered(Exchange exchange, Endpoint real) {
        Optional<ActiveCase> active = session.of(exchange);
        if (active.isEmpty()) {
            return false;
        }
        SentMessage send = record(active.get(), exchange, real);
        Optional<ActiveCase.Answering> answer = active.get().answerFor(send);
        if (answer.isEmpty()) {
            return false;
        }
        try {
            answers.apply(answer.get().answer(), exchange, real, send.destination(), active.get());
        } catch (StubAnswers.StubMisuse misuse) {
            active.get().misused("stub " + YamlReader.quote(answer.get().stub()) + " matched " + send.destination()
                    + ", which " + misuse.getMessage());
            exchange.setException(misuse);
        } catch (Throwable failure) {
            exchange.setException(failure);
        }
        return true;
    }

    /** A send no stub can answer (to direct:, the dead-letter channel's endpoint, metrics): only recorded. */
    void sentUnstubbed(Exchange exchange, Endpoint endpoint) {
        session.of(exchange).ifPresent(active -> record(active, exchange, endpoint));
    }

    /** The exchange ended in a dead-letter channel, with the exception it caught. */
    void deadLettered(Exchange exchange, String deadLetterUri) {
        session.of(exchange).ifPresent(active -> active.deadLettered(new DeadLettered(deadLetterUri,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))));
    }

    private SentMessage record(ActiveCase active, Exchange exchange, Endpoint endpoint) {
        SentMessage send = new SentMessage(destinations.of(exchange, endpoint), endpoint.getEndpointUri(),
                snapshots.of(exchange));
        active.sent(send);
        return send;
    }
}
