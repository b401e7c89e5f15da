package dev.junction.routetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.junction.routetest.Stub.Failure;
import dev.junction.routetest.Stub.Reply;

/** The test file format as the parser reads it, and the errors a malformed file gets: file, line and problem. */
class TestFileParserTest {

    private static final String MALFORMED = "src/test/resources/routetest/malformed/";

    private final TestFileParser parser = new TestFileParser(new ObjectMapper());

    @Test
    void readsCasesWithTheirInputsStubsAndExpectations() {
        RouteTestFile file = parser.parse(Path.of("src/test/resources/routetest/self-test.test.yaml"));

        assertThat(file.name()).isEqualTo("self-test.test.yaml");
        assertThat(file.cases()).extracting(RouteTestCase::name).startsWith("passes", "fails on purpose");
        RouteTestCase passes = file.cases().get(0);
        assertThat(passes.line()).isEqualTo(4);
        assertThat(passes.routeId()).isEqualTo("accept-order");
        assertThat(passes.input().headers()).containsEntry("Content-Type", "application/json");
        assertThat(passes.input().variables()).isEmpty();
        assertThat(passes.input().body()).startsWith("{\"orderId\":\"st-1\"");
        assertThat(passes.stubs()).containsExactly(new Stub("kafka:*", List.of(
                new Reply(null, Map.of(), null))));
        assertThat(passes.expect().response().status()).isEqualTo(202);
        assertThat(passes.expect().response().message().jsonPath().get("$.offset").decimalValue())
                .isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(passes.expect().endpoints().get(0).count()).isEqualTo(1);
        assertThat(passes.expect().endpoints().get(0).messages().get(0).body().json().get("lines").get(0)
                .get("unitPrice").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(passes.expect().deadLetter().expected()).isFalse();

        RouteTestCase refused = file.cases().stream()
                .filter(c -> c.name().equals("a refused send is retried and dead-lettered")).findFirst().orElseThrow();
        assertThat(refused.stubs().get(0).answers()).containsExactly(new Failure(
                "org.apache.kafka.common.errors.TimeoutException", "broker down", null, Map.of(), null));
        assertThat(refused.expect().deadLetter().expected()).isTrue();
    }

    @Test
    void casesShareValuesThroughYamlAnchors() {
        RouteTestFile file = parser.parse(Path.of("src/test/resources/routetest/self-test.test.yaml"));

        assertThat(file.cases()).filteredOn(c -> c.name().equals("stubs shared with a YAML anchor")).singleElement()
                .satisfies(anchored -> assertThat(anchored.stubs()).containsExactly(
                        new Stub("kafka:*", List.of(new Reply(null, Map.of(), null)))));
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysThatAreAllowed() {
        assertThatThrownBy(() -> parser.parse(Path.of(MALFORMED + "unknown-key.test.yaml")))
                .isInstanceOf(TestFileException.class)
                .hasMessage(MALFORMED + "unknown-key.test.yaml:3: test \"a key with a typo\": unknown key"
                        + " \"expects\"; allowed: test, route, input, stubs, expect");
    }

    @Test
    void brokenYamlIsReportedAtItsLine() {
        assertThatThrownBy(() -> parser.parse(Path.of(MALFORMED + "not-yaml.test.yaml")))
                .isInstanceOf(TestFileException.class)
                .hasMessage(MALFORMED + "not-yaml.test.yaml:5: not valid YAML: found unexpected end of stream"
                        + " (while scanning a quoted scalar that starts at line 2)");
    }

    @Test
    void theFileMustBeAListOfTests() {
        assertThatThrownBy(() -> parser.parse(Path.of(MALFORMED + "not-a-list.test.yaml")))
                .hasMessage(MALFORMED + "not-a-list.test.yaml:1: the file should be a list of tests: expected a list"
                        + " (lines starting with \"- \"), found a mapping");
        assertThatThrownBy(() -> parser.parse(Path.of(MALFORMED + "empty.test.yaml")))
                .hasMessage(MALFORMED + "empty.test.yaml:1: the file is empty; it should be a list of tests, each"
                        + " starting with \"- test: <name>\"");
    }

    @Test
    void aMissingKeyIsNamedInTheTestThatLacksIt() {
        assertThatThrownBy(() -> parser.parse(Path.of(MALFORMED + "missing-route.test.yaml")))
                .hasMessage(MALFORMED + "missing-route.test.yaml:6: test \"which route?\": missing route");
    }

    @Test
    void aValueOfTheWrongKindSaysWhatWasExpected() {
        assertThatThrownBy(() -> parser.parse(Path.of(MALFORMED + "bad-count.test.yaml")))
                .hasMessage(MALFORMED + "bad-count.test.yaml:6: test \"a count that is not a number\","
                        + " expect.endpoints \"kafka:*\", count: expected a whole number of at least 0, found"
                        + " \"several\"");
    }

    @Test
    void anInputFileThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> parser.parse(Path.of(MALFORMED + "missing-body-file.test.yaml")))
                .hasMessage(MALFORMED + "missing-body-file.test.yaml:4: test \"an input file that is not there\","
                        + " input: bodyFile orders/nowhere.json does not exist (looked for "
                        + Path.of(MALFORMED).toAbsolutePath().resolve("orders/nowhere.json") + ")");
    }

    @Test
    void aStubFailsOneWayOnly() {
        assertThatThrownBy(() -> parser.parse(Path.of(MALFORMED + "fail-both.test.yaml")))
                .hasMessage(MALFORMED + "fail-both.test.yaml:5: test \"a stub failing two ways at once\","
                        + " stub \"http*://*\", fail: give exception (a class"
                        + " name, with an optional message) or status (an HTTP error, with optional headers and"
                        + " body)");
    }

    @Test
    void testNamesAreUniqueWithinAFile() {
        assertThatThrownBy(() -> parser.parse(Path.of(MALFORMED + "duplicate-name.test.yaml")))
                .hasMessage(MALFORMED + "duplicate-name.test.yaml:6: a second test named \"the same name\"; test"
                        + " names must be unique within a file");
    }
}
