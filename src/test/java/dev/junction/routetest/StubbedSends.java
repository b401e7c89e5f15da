package dev.junction.routetest;

import java.util.Optional;

import jakarta.inject.Singleton;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;

/**
 * What happens to a send through a stubbable endpoint: when it belongs to the running case it is recorded, and the
 * first stub matching it answers in memory; otherwise the real producer sends it.
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
        SentMessage send = new SentMessage(destinations.of(exchange, real), real.getEndpointUri(),
                snapshots.of(exchange));
        active.get().sent(send);
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
}
