package dev.junction.routetest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import dev.junction.routetest.Expectations.DeadLetter;
import dev.junction.routetest.Expectations.Endpoint;
import dev.junction.routetest.Expectations.ExceptionExpectation;
import dev.junction.routetest.Expectations.ExpectedBody;
import dev.junction.routetest.Expectations.MessageExpectation;
import dev.junction.routetest.Expectations.Response;

/**
 * Checks an outcome against a case's expectations and says, for each one not met, what was expected and what
 * happened instead. Every expectation is checked, so one run shows all that is wrong.
 */
public final class OutcomeVerifier {

    /** Most sends, and most JSON differences, a failure lists: enough to see what happened, short enough to read. */
    static final int LISTED = 20;

    private final ObjectMapper mapper;
    private final Configuration jsonPath;
    private final JsonComparison json = new JsonComparison();

    public OutcomeVerifier(ObjectMapper mapper) {
        this.mapper = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.jsonPath = Configuration.builder().jsonProvider(new JacksonJsonNodeJsonProvider(this.mapper))
                .mappingProvider(new JacksonMappingProvider(this.mapper)).build();
    }

    public List<Mismatch> verify(Expectations expect, CaseOutcome outcome) {
        List<Mismatch> mismatches = new ArrayList<>();
        exception(expect.exception(), outcome.exception()).ifPresent(mismatches::add);
        deadLetter(expect.deadLetter(), outcome.deadLetters()).ifPresent(mismatches::add);
        if (expect.response() != null) {
            mismatches.addAll(response(expect.response(), outcome));
        }
        for (Endpoint endpoint : expect.endpoints()) {
            endpoint(endpoint, outcome.sent()).ifPresent(mismatches::add);
        }
        return mismatches;
    }

    private Optional<Mismatch> exception(ExceptionExpectation expected, Throwable actual) {
        if (expected == null && actual == null) {
            return Optional.empty();
        }
        if (expected == null) {
            return Optional.of(new Mismatch("exception", "the route failed with " + describe(actual),
                    "no exception", describe(actual), actual));
        }
        if (actual == null) {
            return Optional.of(new Mismatch("exception", "exception: expected " + describe(expected)
                    + " but the route ended without one", describe(expected), "no exception"));
        }
        return thrown("exception", expected, actual);
    }

    private Optional<Mismatch> deadLetter(DeadLetter expected, List<DeadLettered> actual) {
        if (!expected.expected() && actual.isEmpty()) {
            return Optional.empty();
        }
        if (!expected.expected()) {
            DeadLettered first = actual.get(0);
            String what = "dead-lettered to " + Rendering.readable(first.deadLetterUri()) + " after "
                    + describe(first.failure());
            return Optional.of(new Mismatch("deadLetter", "the message was " + what
                    + " (say deadLetter: true if the case expects that)", "not dead-lettered", what, first.failure()));
        }
        if (actual.isEmpty()) {
            return Optional.of(new Mismatch("deadLetter", "deadLetter: expected the message to be dead-lettered but"
                    + " it was not", "dead-lettered", "not dead-lettered"));
        }
        if (expected.exception() == null) {
            return Optional.empty();
        }
        return thrown("deadLetter exception", expected.exception(), actual.get(0).failure());
    }

    /**
     * The exception and its causes are searched: the first one of the expected type must carry the expected message;
     * without a type, any one of them may.
     */
    private Optional<Mismatch> thrown(String subject, ExceptionExpectation expected, Throwable actual) {
        List<Throwable> chain = chain(actual);
        Optional<Throwable> typed = expected.type() != null
                ? chain.stream().filter(t -> isA(t, expected.type())).findFirst()
                : chain.stream().filter(t -> String.valueOf(t.getMessage()).contains(expected.message())).findFirst();
        if (typed.isEmpty()) {
            return Optional.of(new Mismatch(subject, subject + ": expected " + describe(expected) + " but was "
                    + describe(actual), describe(expected), describe(actual), actual));
        }
        String message = String.valueOf(typed.get().getMessage());
        if (expected.message() != null && !message.contains(expected.message())) {
            return Optional.of(new Mismatch(subject, subject + " " + typed.get().getClass().getName()
                    + ": expected a message containing " + Rendering.value(expected.message()) + " but was "
                    + Rendering.value(message), expected.message(), message, actual));
        }
        return Optional.empty();
    }

    private List<Mismatch> response(Response expected, CaseOutcome outcome) {
        List<Mismatch> mismatches = new ArrayList<>();
        if (expected.status() != null && expected.status() != outcome.status()) {
            mismatches.add(new Mismatch("response status", "response status: expected " + expected.status()
                    + " but was " + outcome.status() + "\n  body: " + Rendering.body(outcome.response().body()),
                    String.valueOf(expected.status()), String.valueOf(outcome.status())));
        }
        mismatches.addAll(message("response", expected.message(), outcome.response()));
        return mismatches;
    }

    private Optional<Mismatch> endpoint(Endpoint expected, List<SentMessage> sent) {
        UriPattern pattern = new UriPattern(expected.uri());
        List<SentMessage> received = sent.stream().filter(message -> message.matches(pattern)).toList();
        List<Mismatch> problems = new ArrayList<>();
        boolean countWrong = false;
        if (expected.count() != null && expected.count() != received.size()) {
            countWrong = true;
            problems.add(new Mismatch("count", "expected " + messages(expected.count()) + " but received "
                    + received.size(), String.valueOf(expected.count()), String.valueOf(received.size())));
        } else if (expected.count() == null && received.isEmpty()) {
            countWrong = true;
            problems.add(new Mismatch("count", "expected a message but received none", "at least 1", "0"));
        }
        for (int i = 0; i < expected.messages().size(); i++) {
            if (i >= received.size()) {
                if (!countWrong) {
                    problems.add(new Mismatch("message " + (i + 1), "expected message " + (i + 1) + " but received "
                            + messages(received.size()), "message " + (i + 1), messages(received.size())));
                }
                break;
            }
            problems.addAll(message("message " + (i + 1), expected.messages().get(i), received.get(i).message()));
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        String subject = "endpoint " + pattern;
        StringBuilder text = new StringBuilder(subject).append(':');
        if (problems.size() == 1) {
            text.append(' ').append(problems.get(0).text());
        } else {
            problems.forEach(problem -> text.append("\n  ").append(problem.text().replace("\n", "\n  ")));
        }
        List<SentMessage> shown = received.isEmpty() ? sent : received;
        text.append(received.isEmpty() ? (sent.isEmpty() ? "\n  nothing was sent anywhere in this case"
                : "\n  sent in this case:") : "\n  received:");
        for (int i = 0; i < Math.min(shown.size(), LISTED); i++) {
            text.append("\n    ").append(Rendering.sent(i + 1, shown.get(i)));
        }
        if (shown.size() > LISTED) {
            text.append("\n    … and ").append(shown.size() - LISTED).append(" more");
        }
        return Optional.of(new Mismatch(subject, text.toString(),
                problems.stream().map(p -> p.subject() + ": " + p.expected()).collect(Collectors.joining("\n")),
                problems.stream().map(p -> p.subject() + ": " + p.actual()).collect(Collectors.joining("\n"))));
    }

    private List<Mismatch> message(String subject, MessageExpectation expected, MessageSnapshot actual) {
        List<Mismatch> mismatches = new ArrayList<>();
        if (expected.body() != null) {
            body(subject, expected.body(), actual.body()).ifPresent(mismatches::add);
        }
        for (String part : expected.bodyContains()) {
            if (actual.body() == null || !actual.body().contains(part)) {
                mismatches.add(new Mismatch(subject + " body", subject + " body: expected to contain "
                        + Rendering.value(part) + " but was " + Rendering.body(actual.body()), part,
                        String.valueOf(actual.body())));
            }
        }
        if (!expected.jsonPath().isEmpty()) {
            mismatches.addAll(jsonPaths(subject, expected.jsonPath(), actual.body()));
        }
        expected.headers().forEach((name, value) -> header(subject, name, value, actual.headers())
                .ifPresent(mismatches::add));
        return mismatches;
    }

    private Optional<Mismatch> body(String subject, ExpectedBody expected, String actual) {
        if (expected.json() == null) {
            if (Objects.equals(expected.text(), actual)) {
                return Optional.empty();
            }
            return Optional.of(new Mismatch(subject + " body", subject + " body: expected "
                    + Rendering.value(expected.text()) + " but was " + Rendering.value(actual), expected.text(),
                    String.valueOf(actual)));
        }
        String pretty = pretty(expected.json());
        Optional<JsonNode> parsed = parse(actual);
        if (parsed.isEmpty()) {
            return Optional.of(new Mismatch(subject + " body", subject + " body: expected JSON but was "
                    + Rendering.body(actual), pretty, String.valueOf(actual)));
        }
        List<String> differences = json.differences(expected.json(), parsed.get());
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        String listed = String.join("\n  ", differences.subList(0, Math.min(differences.size(), LISTED)))
                + (differences.size() > LISTED ? "\n  … and " + (differences.size() - LISTED) + " more" : "");
        return Optional.of(new Mismatch(subject + " body", subject + " body differs from the expected JSON:\n  "
                + listed, pretty, pretty(parsed.get())));
    }

    private List<Mismatch> jsonPaths(String subject, Map<String, JsonNode> expected, String body) {
        Optional<JsonNode> document = parse(body);
        if (document.isEmpty()) {
            String paths = String.join(", ", expected.keySet());
            return List.of(new Mismatch(subject + " jsonPath", subject + " jsonPath " + paths
                    + ": the body is not JSON: " + Rendering.body(body), paths, String.valueOf(body)));
        }
        List<Mismatch> mismatches = new ArrayList<>();
        expected.forEach((path, value) -> {
            String where = subject + " jsonPath " + path;
            Optional<JsonNode> found;
            try {
                found = Optional.of(mapper.valueToTree(JsonPath.using(jsonPath).parse(document.get()).read(path)));
            } catch (PathNotFoundException e) {
                found = Optional.empty();
            } catch (InvalidPathException e) {
                mismatches.add(new Mismatch(where, where + ": not a valid JSON path: " + e.getMessage(),
                        Rendering.json(value), "invalid path"));
                return;
            }
            if (found.isEmpty()) {
                if (!value.isNull()) {
                    mismatches.add(new Mismatch(where, where + ": expected " + Rendering.json(value)
                            + " but the path does not exist in " + Rendering.body(body), Rendering.json(value),
                            "no such path"));
                }
            } else if (!json.equal(value, found.get())) {
                mismatches.add(new Mismatch(where, where + ": expected " + Rendering.json(value) + " but was "
                        + Rendering.json(found.get()), pretty(value), pretty(found.get())));
            }
        });
        return mismatches;
    }

    private static Optional<Mismatch> header(String subject, String name, Object expected,
            Map<String, Object> headers) {
        Object actual = headers.get(name);
        String where = subject + " header " + name;
        if (expected == null) {
            return actual == null ? Optional.empty() : Optional.of(new Mismatch(where, where
                    + ": expected none but was " + Rendering.value(actual), "none", String.valueOf(actual)));
        }
        if (actual == null) {
            return Optional.of(new Mismatch(where, where + ": expected " + Rendering.value(expected)
                    + " but it is not set", String.valueOf(expected), "not set"));
        }
        if (sameHeaderValue(expected, actual)) {
            return Optional.empty();
        }
        return Optional.of(new Mismatch(where, where + ": expected " + Rendering.value(expected) + " but was "
                + Rendering.value(actual), String.valueOf(expected), String.valueOf(actual)));
    }

    /** Numbers by value (202 and "202" from a header set as text both pass), everything else as text. */
    private static boolean sameHeaderValue(Object expected, Object actual) {
        if (expected instanceof Number) {
            try {
                return new BigDecimal(expected.toString()).compareTo(new BigDecimal(actual.toString())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return expected.toString().equals(actual.toString());
    }

    private Optional<JsonNode> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private String pretty(JsonNode node) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    private static String messages(int count) {
        return count == 1 ? "1 message" : count + " messages";
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** By name, so an exception class need not be loadable here: its class or any superclass, full or simple name. */
    private static boolean isA(Throwable failure, String type) {
        for (Class<?> c = failure.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(type) || c.getSimpleName().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ExceptionExpectation expected) {
        return (expected.type() != null ? expected.type() : "an exception")
                + (expected.message() != null ? " with a message containing " + Rendering.value(expected.message())
                        : "");
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "an unknown failure";
        }
        List<Throwable> chain = chain(failure);
        StringBuilder text = new StringBuilder(oneException(chain.get(0)));
        for (int i = 1; i < chain.size(); i++) {
            text.append(i == 1 ? " (caused by " : ", caused by ").append(oneException(chain.get(i)));
        }
        return chain.size() > 1 ? text.append(')').toString() : text.toString();
    }

    private static String oneException(Throwable failure) {
        return failure.getClass().getName() + ": " + Rendering.abbreviate(String.valueOf(failure.getMessage()));
    }
}
