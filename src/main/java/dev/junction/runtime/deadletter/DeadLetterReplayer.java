package dev.junction.runtime.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.jboss.logging.Logger;

import dev.junction.runtime.correlation.CorrelationIds;
import dev.junction.runtime.deadletter.ReplayOutcome.Result;

/**
 * Sends a dead letter into the entry of the route that gave up on it, as if that route's consumer had just received
 * it again: same body, same headers (Kafka key and all), same correlation id, through the route's error handler. Kafka-fed routes are
 * replayed without going through the topic, so other consumers of the topic never see the message twice.
 * <p>
 * The replay runs on the caller's thread and its outcome is known when it returns: REPLAYED, or REPLAY_FAILED when
 * the route failed again (its dead-letter channel then updated this dead letter instead of adding another).
 */
@ApplicationScoped
public class DeadLetterReplayer {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplayer.class);
    private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {
    };

    private final CamelContext camel;
    private final DeadLetterStore store;
    private final DeadLetterMetrics metrics;
    private final ObjectMapper mapper;

    public DeadLetterReplayer(CamelContext camel, DeadLetterStore store, DeadLetterMetrics metrics,
            ObjectMapper mapper) {
        this.camel = camel;
        this.store = store;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    public ReplayOutcome replay(String id, ReplayRequest request) throws Exception {
        ReplayOutcome outcome = replayOne(id, request, UUID.randomUUID().toString());
        metrics.refreshPending();
        return outcome;
    }

    /**
     * Replays one under the claim of {@code claimant}: a replay job passes its own id, so that when it is resumed it
     * takes back the letter it was replaying when its replica died. The pending gauges are not counted again here:
     * a job of thousands does that now and then, not once per letter.
     */
    public ReplayOutcome replayAs(String claimant, String id, ReplayRequest request) throws Exception {
        return replayOne(id, request, claimant);
    }

    /** Replays each in turn (one at a time, in the order given); a refusal or failure does not stop the rest. */
    public List<ReplayOutcome> replayAll(List<String> ids, boolean force, String by) throws Exception {
        ReplayRequest request = ReplayRequest.asStored(force, by);
        long started = System.nanoTime();
        List<ReplayOutcome> outcomes = new ArrayList<>(ids.size());
        try {
            for (String id : ids) {
                outcomes.add(replayOne(id, request, UUID.randomUUID().toString()));
            }
            return outcomes;
        } finally {
            metrics.refreshPending();
            Map<Result, Long> counts = outcomes.stream()
                    .collect(Collectors.groupingBy(ReplayOutcome::result, Collectors.counting()));
            LOG.infof("Replayed %d of %d dead letter(s) in %d ms: %s", outcomes.size(), ids.size(),
                    (System.nanoTime() - started) / 1_000_000, counts);
        }
    }

    private ReplayOutcome replayOne(String id, ReplayRequest request, String claimant) throws Exception {
        Optional<StoredDeadLetter> found;
        try {
            found = store.find(id);
        } catch (DeadLetterDecryptionException e) {
            // One that cannot be read must not stop a bulk replay of the others.
            return new ReplayOutcome(id, Result.REFUSED, e.getMessage());
        }
        if (found.isEmpty()) {
            return new ReplayOutcome(id, Result.NOT_FOUND, "No dead letter " + id);
        }
        StoredDeadLetter deadLetter = found.get();
        Route route = camel.getRoute(deadLetter.routeId());
        ServiceStatus routeStatus = camel.getRouteController().getRouteStatus(deadLetter.routeId());
        if (route == null || routeStatus == null || !routeStatus.isStarted()) {
            return new ReplayOutcome(id, Result.REFUSED, "Route " + deadLetter.routeId() + " is "
                    + (route == null ? "not deployed" : routeStatus) + "; it must run to take the replay");
        }
        Optional<Optional<DeadLetterStatus>> refused = store.claimForReplay(id, request.force(), claimant);
        if (refused.isPresent()) {
            if (refused.get().equals(Optional.of(DeadLetterStatus.REPLAYED)) && store.replayedUnder(id, claimant)) {
                // A resumed job's letter whose replay ended just before its replica went, before the job noted it.
                return new ReplayOutcome(id, Result.REPLAYED, "Route " + deadLetter.routeId() + " took the message"
                        + " before this job was taken over");
            }
            return refused.get().map(status -> refusal(id, status, request.force()))
                    .orElseGet(() -> new ReplayOutcome(id, Result.NOT_FOUND, "No dead letter " + id));
        }
        Throwable failure = null;
        boolean deadLetteredAgain = false;
        try {
            Consumer entry = route.getConsumer();
            Exchange exchange = entry.createExchange(false);
            try {
                exchange.getIn().setBody(body(deadLetter, request));
                exchange.getIn().setHeaders(headers(deadLetter, request));
                exchange.setProperty(FailureCapture.REPLAY_OF, id);
                // The message goes on under the id it failed with, not the operator request's.
                if (deadLetter.correlationId() != null) {
                    exchange.setProperty(CorrelationIds.PROPERTY, deadLetter.correlationId());
                }
                AsyncProcessorConverterHelper.convert(entry.getProcessor()).process(exchange);
                failure = exchange.getException();
                deadLetteredAgain = exchange.getProperty(DeadLetterRecorder.DEAD_LETTER_ID) != null;
                if (failure == null && deadLetteredAgain) {
                    failure = FailureHeaders.unwrap(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
                }
            } finally {
                entry.releaseExchange(exchange, false);
            }
        } catch (Exception e) {
            failure = e;
        }
        boolean replayed = failure == null && !deadLetteredAgain;
        store.finishReplay(id, replayed ? DeadLetterStatus.REPLAYED : DeadLetterStatus.REPLAY_FAILED, request,
                failure);
        if (replayed) {
            metrics.replayed(deadLetter.routeId());
            return new ReplayOutcome(id, Result.REPLAYED, "Route " + deadLetter.routeId() + " took the message");
        }
        metrics.replayFailed(deadLetter.routeId());
        return new ReplayOutcome(id, Result.REPLAY_FAILED, "Route " + deadLetter.routeId() + " failed again: "
                + (failure == null ? "unknown failure" : failure.getClass().getName() + ": " + failure.getMessage()));
    }

    private static ReplayOutcome refusal(String id, DeadLetterStatus status, boolean force) {
        String detail = switch (status) {
            case REPLAYING -> "Dead letter " + id + " is being replayed right now (a claim older than"
                    + " junction.dead-letter.replay.claim-timeout would be taken over)";
            case REPLAYED, DISCARDED -> "Dead letter " + id + " is " + status
                    + (force ? "" : "; replay it again with force");
            default -> "Dead letter " + id + " is " + status;
        };
        return new ReplayOutcome(id, Result.REFUSED, detail);
    }

    private static Object body(StoredDeadLetter deadLetter, ReplayRequest request) {
        if (request.body() != null) {
            return request.base64() ? Base64.getDecoder().decode(request.body()) : request.body();
        }
        byte[] body = deadLetter.body();
        return body != null && deadLetter.bodyText() ? new String(body, StandardCharsets.UTF_8) : body;
    }

    private Map<String, Object> headers(StoredDeadLetter deadLetter, ReplayRequest request) throws Exception {
        if (request.headers() != null) {
            return new LinkedHashMap<>(request.headers());
        }
        return mapper.readValue(deadLetter.headersJson(), HEADERS);
    }
}
