package dev.junction.runtime.validation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command-line route check, run as CI pipelines run it: one broken route file of the corpus in
 * src/test/resources/route-validation at a time, the exact lines it prints and its exit code.
 */
class ValidateRoutesTest {

    private static final String CORPUS = "src/test/resources/route-validation/";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            yaml-syntax.yaml            | 8: while parsing a block mapping: expected <block end>, but found '<block sequence start>'
            unknown-eip.yaml            | 7: Unknown node id: tooo
            unknown-eip-option.yaml     | 9: Unsupported field: colour
            unknown-component.yaml      | 7: unknown component 'kafak' in 'kafak:orders.express': no Camel component on the application's classpath has this scheme
            unresolved-placeholder.yaml | 8: unresolved property placeholder {{orders.topic.missing}}: no such key in the configuration, the environment or the system properties
            """)
    void reportsOneProblemWithFileAndLine(String file, String expected) {
        Result result = validate("--profile", "test", CORPUS + file);

        assertThat(result.problems()).containsExactly(CORPUS + file + ":" + expected);
        assertThat(result.exitCode()).isEqualTo(ValidateRoutes.INVALID);
        assertThat(result.summary()).isEqualTo("1 route file(s) checked (profile test): 1 error(s), 0 warning(s)");
    }

    @Test
    void reportsMisspeltEndpointOptionsAndWrongValues() {
        assertInvalid("unknown-endpoint-option.yaml",
                "5: option 'period' is 'soon', not a duration (e.g. 5000, 5s, 1m30s) in 'timer:tick?period=soon'",
                "7: unknown option 'brokerz' of component kafka (did you mean 'brokers'?) in"
                        + " 'kafka:orders.express?brokerz=localhost:9092'");
    }

    @Test
    void reportsDuplicateRouteIdsWithinFilesAndAgainstJavaRoutes() {
        assertInvalid("duplicate-route-id.yaml",
                "8: duplicate route id 'twice': already used at " + CORPUS + "duplicate-route-id.yaml:2",
                "14: duplicate route id 'order-publisher': already used by a Java route");
    }

    /**
     * Routes without ids are valid, as in plain Camel: each is named after its file and position (see RouteIds), and
     * a name a route of the file already has is a duplicate like any other.
     */
    @Test
    void routesWithoutIdsAreNamedByFileAndPosition() {
        assertInvalid("no-ids.yaml", "13: duplicate route id 'no-ids-2': already used at " + CORPUS + "no-ids.yaml:8");
    }

    /** Camel would refuse to start these routes ("duplicate id detected"): found before they are loaded. */
    @Test
    void reportsStepIdsThatClashWithOtherRoutes() {
        assertInvalid("duplicate-step-id.yaml",
                "21: step id 'shared-step' in route 'second-route' is already a step id of route 'first-route' at "
                        + CORPUS + "duplicate-step-id.yaml:7: Camel would not start the route; ids must be unique"
                        + " across routes",
                "24: step id 'first-route' in route 'second-route' is already the id of the route at " + CORPUS
                        + "duplicate-step-id.yaml:2: Camel would not start the route; ids must be unique across routes");
    }

    @Test
    void reportsRouteConfigurationsAndExceptionClassesThatDoNotExist() {
        assertInvalid("unknown-route-configuration.yaml",
                "5: onException names dev.junction.NoSuchException, which is not a class on the application's"
                        + " classpath",
                "10: route 'unknown-route-configuration' names routeConfigurationId 'missing-failures', which no"
                        + " route configuration has");
    }

    /**
     * Without the application some Java route builders cannot be built (they need their beans), so a direct:
     * endpoint only they might consume is a warning here; at startup and on reload, where every route is known, it is
     * an error (RouteReloadTest).
     */
    @Test
    void anUnconsumedDirectEndpointIsAWarningWhenSomeJavaRoutesCannotBeSeen() {
        Result result = validate("--profile", "test", CORPUS + "unconsumed-direct.yaml");

        assertThat(result.problems()).singleElement().asString()
                .startsWith(CORPUS + "unconsumed-direct.yaml:8: warning: direct:publish-ordr is not consumed by any"
                        + " route: a message sent there fails, unless one of these Java route classes consumes it"
                        + " (not inspected here): ")
                .contains("DeadLetterRoutes");
        assertThat(result.exitCode()).isEqualTo(ValidateRoutes.OK);
    }

    /** Route files are read with Camel's YAML DSL (snakeyaml-engine): a tag never constructs a Java object. */
    @Test
    void aYamlTagNamingAJavaClassConstructsNothingAndIsRefused() {
        Path marker = Path.of("target/yaml-tag-was-constructed");

        Result result = validate("--profile", "test", CORPUS + "java-object-tag.yaml");

        assertThat(marker).doesNotExist();
        assertThat(result.exitCode()).isEqualTo(ValidateRoutes.INVALID);
        assertThat(result.problems()).singleElement().asString().startsWith(CORPUS + "java-object-tag.yaml:9: ");
    }

    @Test
    void theSampleRoutesAreValid() {
        Result result = validate("--profile", "dev", "routes");

        assertThat(result.problems()).isEmpty();
        assertThat(result.summary()).isEqualTo("7 route file(s) checked (profile dev): 0 error(s), 0 warning(s)");
        assertThat(result.exitCode()).isEqualTo(ValidateRoutes.OK);
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        Result result = validate("no-such-routes");

        assertThat(result.exitCode()).isEqualTo(ValidateRoutes.USAGE);
        assertThat(result.errors()).contains("No such route file or directory: no-such-routes");
    }

    /** A file of the corpus checked with the test profile: these problems, each at its line of the file, in order. */
    private static void assertInvalid(String file, String... problemsAtLines) {
        Result result = validate("--profile", "test", CORPUS + file);

        assertThat(result.problems())
                .containsExactly(Arrays.stream(problemsAtLines).map(problem -> CORPUS + file + ":" + problem)
                        .toArray(String[]::new));
        assertThat(result.exitCode()).isEqualTo(ValidateRoutes.INVALID);
    }

    private static Result validate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ValidateRoutes.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> lines = Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n"));
        List<String> problems = lines.stream().filter(line -> !line.isBlank() && !line.contains("checked (")).toList();
        String summary = lines.stream().filter(line -> line.contains("checked (")).findFirst().orElse(null);
        return new Result(exitCode, problems, summary, err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, List<String> problems, String summary, String errors) {
    }
}
