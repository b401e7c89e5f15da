package dev.junction.routetest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.nodes.Node;

import dev.junction.routetest.Expectations.DeadLetter;
import dev.junction.routetest.Expectations.Endpoint;
import dev.junction.routetest.Expectations.ExceptionExpectation;
import dev.junction.routetest.Expectations.ExpectedBody;
import dev.junction.routetest.Expectations.MessageExpectation;
import dev.junction.routetest.Expectations.Response;
import dev.junction.routetest.Stub.Answer;
import dev.junction.routetest.Stub.Failure;
import dev.junction.routetest.Stub.Reply;

/**
 * Reads a {@code *.test.yaml} file (format: routes/tests/README.md). Strict on purpose: an unknown key, a missing one
 * or a value of the wrong kind is an error naming the file and line, never a check that silently does not happen.
 */
public final class TestFileParser {

    private static final List<String> CASE_KEYS = List.of("test", "route", "input", "stubs", "expect");
    private static final List<String> INPUT_KEYS = List.of("body", "bodyFile", "headers", "variables");
    private static final List<String> STUB_KEYS = List.of("uri", "reply", "fail", "answers");
    private static final List<String> ANSWER_KEYS = List.of("reply", "fail");
    private static final List<String> REPLY_KEYS = List.of("status", "headers", "body");
    private static final List<String> FAIL_KEYS = List.of("exception", "message", "status", "headers", "body");
    private static final List<String> EXPECT_KEYS = List.of("response", "endpoints", "exception", "deadLetter");
    private static final List<String> RESPONSE_KEYS = List.of("status", "body", "bodyContains", "jsonPath", "headers");
    private static final List<String> ENDPOINT_KEYS = List.of("uri", "count", "messages");
    private static final List<String> MESSAGE_KEYS = List.of("body", "bodyContains", "jsonPath", "headers");
    private static final List<String> EXCEPTION_KEYS = List.of("type", "message");
    private static final List<String> DEAD_LETTER_KEYS = List.of("exception");

    private final ObjectMapper mapper;

    public TestFileParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public RouteTestFile parse(Path file) {
        YamlReader yaml = YamlReader.read(file);
        List<RouteTestCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : yaml.sequence(yaml.root(), "the file should be a list of tests")) {
            RouteTestCase testCase = testCase(yaml, file, item);
            if (!names.add(testCase.name())) {
                throw yaml.error(item, "", "a second test named " + YamlReader.quote(testCase.name())
                        + "; test names must be unique within a file");
            }
            cases.add(testCase);
        }
        return new RouteTestFile(file, List.copyOf(cases));
    }

    private RouteTestCase testCase(YamlReader yaml, Path file, Node node) {
        // The name first, so that every later problem can say which test it is in.
        String named = yaml.peek(node, "test").map(YamlReader::quote).map(name -> "test " + name).orElse("a test");
        Map<String, Node> keys = yaml.mapping(node, named, CASE_KEYS);
        String name = yaml.text(required(yaml, node, keys, "test", named), named + ", test");
        String where = "test " + YamlReader.quote(name);
        String route = yaml.text(required(yaml, node, keys, "route", where), where + ", route");
        Input input = keys.containsKey("input") ? input(yaml, file, keys.get("input"), where + ", input")
                : Input.empty();
        List<Stub> stubs = new ArrayList<>();
        if (keys.containsKey("stubs")) {
            List<Node> items = yaml.sequence(keys.get("stubs"), where + ", stubs");
            for (int i = 0; i < items.size(); i++) {
                stubs.add(stub(yaml, items.get(i), where, i + 1));
            }
        }
        Expectations expect = expectations(yaml, required(yaml, node, keys, "expect", where), where + ", expect");
        return new RouteTestCase(name, yaml.line(node), route, input, List.copyOf(stubs), expect);
    }

    private Input input(YamlReader yaml, Path file, Node node, String where) {
        Map<String, Node> keys = yaml.mapping(node, where, INPUT_KEYS);
        if (keys.containsKey("body") && keys.containsKey("bodyFile")) {
            throw yaml.error(node, where, "give either body or bodyFile, not both");
        }
        String body = keys.containsKey("body") ? text(yaml, keys.get("body")) : null;
        Path bodyFile = null;
        if (keys.containsKey("bodyFile")) {
            String relative = yaml.text(keys.get("bodyFile"), where + ", bodyFile");
            bodyFile = file.toAbsolutePath().getParent().resolve(relative).normalize();
            if (!Files.isRegularFile(bodyFile)) {
                throw yaml.error(keys.get("bodyFile"), where, "bodyFile " + relative + " does not exist (looked for "
                        + bodyFile + ")");
            }
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        if (keys.containsKey("variables")) {
            yaml.anyMapping(keys.get("variables"), where + ", variables")
                    .forEach((name, value) -> variables.put(name, yaml.value(value)));
        }
        return new Input(body, bodyFile, values(yaml, keys.get("headers"), where + ", headers"), variables);
    }

    private Stub stub(YamlReader yaml, Node node, String testWhere, int number) {
        String where = testWhere + ", stub " + number;
        Map<String, Node> keys = yaml.mapping(node, where, STUB_KEYS);
        String uri = yaml.text(required(yaml, node, keys, "uri", where), where + ", uri");
        String stubWhere = testWhere + ", stub " + YamlReader.quote(uri);
        long given = keys.keySet().stream().filter(key -> ANSWER_KEYS.contains(key) || key.equals("answers")).count();
        if (given > 1) {
            throw yaml.error(node, stubWhere, "give one of reply, fail or answers");
        }
        List<Answer> answers = new ArrayList<>();
        if (keys.containsKey("answers")) {
            for (Node item : yaml.sequence(keys.get("answers"), stubWhere + ", answers")) {
                Map<String, Node> answer = yaml.mapping(item, stubWhere + ", answers", ANSWER_KEYS);
                if (answer.size() != 1) {
                    throw yaml.error(item, stubWhere + ", answers", "each answer is either reply or fail");
                }
                answers.add(answer(yaml, answer, stubWhere));
            }
            if (answers.isEmpty()) {
                throw yaml.error(keys.get("answers"), stubWhere, "answers is empty");
            }
        } else if (given == 1) {
            answers.add(answer(yaml, keys, stubWhere));
        } else {
            answers.add(new Reply(null, Map.of(), null));
        }
        return new Stub(uri, List.copyOf(answers));
    }

    private Answer answer(YamlReader yaml, Map<String, Node> keys, String where) {
        if (keys.containsKey("reply")) {
            Node node = keys.get("reply");
            Map<String, Node> reply = yaml.mapping(node, where + ", reply", REPLY_KEYS);
            Integer status = reply.containsKey("status") ? yaml.integer(reply.get("status"), where + ", status", 100)
                    : null;
            Object body = null;
            if (reply.containsKey("body")) {
                // Text stays text; a list or mapping stays a structure (rows, as a SQL query returns them).
                body = yaml.isScalar(reply.get("body")) ? text(yaml, reply.get("body")) : yaml.value(reply.get("body"));
            }
            return new Reply(status, values(yaml, reply.get("headers"), where + ", reply headers"), body);
        }
        Node node = keys.get("fail");
        Map<String, Node> fail = yaml.mapping(node, where + ", fail", FAIL_KEYS);
        boolean http = fail.containsKey("status");
        if (http == fail.containsKey("exception")) {
            throw yaml.error(node, where + ", fail", "give exception (a class name, with an optional message) or"
                    + " status (an HTTP error, with optional headers and body)");
        }
        if (http && fail.containsKey("message")) {
            throw yaml.error(fail.get("message"), where + ", fail", "message goes with exception; an HTTP failure"
                    + " (status) has a body");
        }
        if (!http && (fail.containsKey("body") || fail.containsKey("headers"))) {
            throw yaml.error(node, where + ", fail", "body and headers go with status; an exception has a message");
        }
        return new Failure(http ? null : yaml.text(fail.get("exception"), where + ", exception"),
                fail.containsKey("message") ? text(yaml, fail.get("message")) : null,
                http ? yaml.integer(fail.get("status"), where + ", status", 100) : null,
                values(yaml, fail.get("headers"), where + ", fail headers"),
                fail.containsKey("body") ? text(yaml, fail.get("body")) : null);
    }

    private Expectations expectations(YamlReader yaml, Node node, String where) {
        Map<String, Node> keys = yaml.mapping(node, where, EXPECT_KEYS);
        if (keys.isEmpty()) {
            throw yaml.error(node, where, "expect nothing? Name at least one of " + String.join(", ", EXPECT_KEYS));
        }
        Response response = null;
        if (keys.containsKey("response")) {
            Node responseNode = keys.get("response");
            Map<String, Node> parts = yaml.mapping(responseNode, where + ".response", RESPONSE_KEYS);
            Integer status = parts.containsKey("status")
                    ? yaml.integer(parts.get("status"), where + ".response.status", 100) : null;
            response = new Response(status, message(yaml, parts, where + ".response"));
        }
        List<Endpoint> endpoints = new ArrayList<>();
        if (keys.containsKey("endpoints")) {
            for (Node item : yaml.sequence(keys.get("endpoints"), where + ".endpoints")) {
                endpoints.add(endpoint(yaml, item, where + ".endpoints"));
            }
        }
        ExceptionExpectation exception = keys.containsKey("exception")
                ? exception(yaml, keys.get("exception"), where + ".exception") : null;
        DeadLetter deadLetter = keys.containsKey("deadLetter") ? deadLetter(yaml, keys.get("deadLetter"),
                where + ".deadLetter") : DeadLetter.NOT_EXPECTED;
        return new Expectations(response, List.copyOf(endpoints), exception, deadLetter);
    }

    private Endpoint endpoint(YamlReader yaml, Node node, String where) {
        Map<String, Node> keys = yaml.mapping(node, where, ENDPOINT_KEYS);
        String uri = yaml.text(required(yaml, node, keys, "uri", where), where + ", uri");
        String endpointWhere = where + " " + YamlReader.quote(uri);
        Integer count = keys.containsKey("count") ? yaml.integer(keys.get("count"), endpointWhere + ", count", 0)
                : null;
        List<MessageExpectation> messages = new ArrayList<>();
        if (keys.containsKey("messages")) {
            List<Node> items = yaml.sequence(keys.get("messages"), endpointWhere + ", messages");
            for (int i = 0; i < items.size(); i++) {
                String messageWhere = endpointWhere + ", message " + (i + 1);
                messages.add(message(yaml, yaml.mapping(items.get(i), messageWhere, MESSAGE_KEYS), messageWhere));
            }
            if (count != null && messages.size() > count) {
                throw yaml.error(keys.get("messages"), endpointWhere, "describes " + messages.size()
                        + " messages but expects a count of " + count);
            }
        }
        return new Endpoint(uri, count, List.copyOf(messages));
    }

    private MessageExpectation message(YamlReader yaml, Map<String, Node> keys, String where) {
        ExpectedBody body = keys.containsKey("body") ? expectedBody(yaml, keys.get("body")) : null;
        List<String> contains = new ArrayList<>();
        if (keys.containsKey("bodyContains")) {
            Node node = keys.get("bodyContains");
            if (yaml.isScalar(node)) {
                contains.add(yaml.text(node, where + ", bodyContains"));
            } else {
                yaml.sequence(node, where + ", bodyContains")
                        .forEach(item -> contains.add(yaml.text(item, where + ", bodyContains")));
            }
        }
        Map<String, JsonNode> jsonPath = new LinkedHashMap<>();
        if (keys.containsKey("jsonPath")) {
            yaml.anyMapping(keys.get("jsonPath"), where + ", jsonPath").forEach((path, value) -> {
                if (!path.startsWith("$")) {
                    throw yaml.error(value, where + ", jsonPath", "the path " + YamlReader.quote(path)
                            + " should start with $ (the body's root), e.g. $.orderId");
                }
                jsonPath.put(path, yaml.json(value));
            });
        }
        return new MessageExpectation(body, List.copyOf(contains), jsonPath,
                values(yaml, keys.get("headers"), where + ", headers"));
    }

    /** A mapping or list is JSON; so is text that parses as a JSON object or array. Anything else is text. */
    private ExpectedBody expectedBody(YamlReader yaml, Node node) {
        if (!yaml.isScalar(node)) {
            return new ExpectedBody(null, yaml.json(node));
        }
        String text = text(yaml, node);
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return new ExpectedBody(text, mapper.readTree(trimmed));
            } catch (JsonProcessingException e) {
                // Not JSON after all: compared as text.
            }
        }
        return new ExpectedBody(text, null);
    }

    private ExceptionExpectation exception(YamlReader yaml, Node node, String where) {
        Map<String, Node> keys = yaml.mapping(node, where, EXCEPTION_KEYS);
        if (keys.isEmpty()) {
            throw yaml.error(node, where, "name the type, the message (a part of it) or both");
        }
        return new ExceptionExpectation(keys.containsKey("type") ? yaml.text(keys.get("type"), where + ".type") : null,
                keys.containsKey("message") ? yaml.text(keys.get("message"), where + ".message") : null);
    }

    private DeadLetter deadLetter(YamlReader yaml, Node node, String where) {
        if (!yaml.isMapping(node)) {
            return new DeadLetter(yaml.bool(node, where), null);
        }
        Map<String, Node> keys = yaml.mapping(node, where, DEAD_LETTER_KEYS);
        return new DeadLetter(true, keys.containsKey("exception")
                ? exception(yaml, keys.get("exception"), where + ".exception") : null);
    }

    /** Header-like values: name to scalar (null allowed). */
    private Map<String, Object> values(YamlReader yaml, Node node, String where) {
        if (node == null) {
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        yaml.anyMapping(node, where).forEach((name, value) -> {
            if (!yaml.isScalar(value)) {
                throw yaml.error(value, where, YamlReader.quote(name) + " should be a single value");
            }
            values.put(name, yaml.value(value));
        });
        return values;
    }

    /** Text as written (null for nothing); a mapping or list written in YAML becomes its JSON text. */
    private String text(YamlReader yaml, Node node) {
        if (yaml.isScalar(node)) {
            return yaml.scalarText(node);
        }
        try {
            return mapper.writeValueAsString(yaml.json(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A YAML value did not serialise as JSON", e);
        }
    }

    private static Node required(YamlReader yaml, Node owner, Map<String, Node> keys, String key, String where) {
        Node node = keys.get(key);
        if (node == null) {
            throw yaml.error(owner, where, "missing " + key);
        }
        return node;
    }
}
