package dev.junction.routetest;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the route tests in {@code routes/tests/*.test.yaml} (format and commands: routes/tests/README.md), one JUnit
 * test per case, named {@code <file> › <case>} and linked to the case's line. One file, or a few:
 * {@code ./mvnw test -Dtest=RouteTests -Djunction.route-tests=order-intake}. A file that cannot be read becomes one
 * failing test saying why, and the other files still run.
 */
@QuarkusTest
@TestProfile(RouteTestProfile.class)
class RouteTests {

    @Inject
    CaseCheck cases;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "junction.route-tests")
    Optional<String> only;

    @TestFactory
    Stream<DynamicTest> routeTests() {
        // Looked up here rather than injected: Quarkus checks a test class's injection points in every test
        // application, and only the route-test profile sets this key.
        Path dir = ConfigProvider.getConfig().getValue("junction.route-tests.dir", Path.class);
        TestFileParser parser = new TestFileParser(mapper);
        return new TestFiles(dir).select(only).stream().flatMap(file -> {
            RouteTestFile tests;
            try {
                tests = parser.parse(file);
            } catch (TestFileException e) {
                return Stream.of(DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(), () -> {
                    throw e;
                }));
            }
            return tests.cases().stream().map(testCase -> DynamicTest.dynamicTest(
                    tests.name() + " › " + testCase.name(), at(file, testCase.line()),
                    () -> cases.check(testCase)));
        });
    }

    /** IDEs open the file at this line when the test is clicked. */
    private static URI at(Path file, int line) {
        return URI.create(file.toAbsolutePath().toUri() + "?line=" + line);
    }
}
