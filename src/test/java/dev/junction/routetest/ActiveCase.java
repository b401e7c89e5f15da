package dev.junction.routetest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;

import dev.junction.routetest.Stub.Answer;

/**
 * The case that is running: its stubs, and what its message did. Exchanges belong to it when they carry its id in a
 * property, which Camel copies to every exchange derived from them (split parts, circuit-breaker attempts, ...);
 * exchanges of anything else running in the application at the same time (Kafka consumers, timers) do not, so they
 * are neither stubbed nor recorded.
 */
final class ActiveCase {

    static final String PROPERTY = "JunctionRouteTestCase";

    private final String id;
    private final List<StubInUse> stubs;
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final List<DeadLettered> deadLetters = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> offsets = new ConcurrentHashMap<>();
    private final List<String> misuses = new CopyOnWriteArrayList<>();

    ActiveCase(String id, List<Stub> stubs) {
        this.id = id;
        this.stubs = stubs.stream().map(StubInUse::new).toList();
    }

    void claim(Exchange exchange) {
        exchange.setProperty(PROPERTY, id);
    }

    boolean owns(Exchange exchange) {
        return id.equals(exchange.getProperty(PROPERTY, String.class));
    }

    /** The first stub (in file order) that matches the send, with its next answer, if any stub matches. */
    Optional<Answering> answerFor(SentMessage send) {
        return stubs.stream().filter(stub -> send.matches(stub.pattern)).findFirst()
                .map(stub -> new Answering(stub.pattern.toString(), stub.next()));
    }

    /** A stub's answer to one send. */
    record Answering(String stub, Answer answer) {
    }

    void sent(SentMessage message) {
        sent.add(message);
    }

    void deadLettered(DeadLettered deadLetter) {
        deadLetters.add(deadLetter);
    }

    void misused(String problem) {
        if (!misuses.contains(problem)) {
            misuses.add(problem);
        }
    }

    /** Stubs that matched a send they could not answer as written: the case itself is wrong. */
    List<String> misuses() {
        return List.copyOf(misuses);
    }

    /** Offsets as a broker hands them out: 0, 1, 2, ... per topic. */
    long nextOffset(String topic) {
        return offsets.computeIfAbsent(topic, t -> new AtomicLong()).getAndIncrement();
    }

    List<SentMessage> sent() {
        return List.copyOf(sent);
    }

    List<DeadLettered> deadLetters() {
        return List.copyOf(deadLetters);
    }

    private static final class StubInUse {

        private final UriPattern pattern;
        private final List<Answer> answers;
        private final AtomicInteger used = new AtomicInteger();

        StubInUse(Stub stub) {
            this.pattern = new UriPattern(stub.uri());
            this.answers = stub.answers();
        }

        Answer next() {
            return answers.get(Math.min(used.getAndIncrement(), answers.size() - 1));
        }
    }
}
