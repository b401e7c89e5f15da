package dev.junction.routetest;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;
import org.apache.camel.Exchange;

/**
 * Which case is running now, if any: the one place the stubbing endpoints and the send recorder ask. Cases run one
 * at a time; when a case ends nothing is stubbed or recorded any more, so nothing carries over to the next.
 */
@Singleton
public class CaseSession {

    private final AtomicReference<ActiveCase> current = new AtomicReference<>();

    ActiveCase begin(List<Stub> stubs) {
        ActiveCase active = new ActiveCase(UUID.randomUUID().toString(), stubs);
        if (!current.compareAndSet(null, active)) {
            throw new IllegalStateException("A route test case is already running; cases run one at a time");
        }
        return active;
    }

    void end(ActiveCase active) {
        current.compareAndSet(active, null);
    }

    /** The running case, when the exchange belongs to it. */
    Optional<ActiveCase> of(Exchange exchange) {
        ActiveCase active = current.get();
        return active != null && active.owns(exchange) ? Optional.of(active) : Optional.empty();
    }
}
