package dev.junction.runtime.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.junction.testing.TempDirs;

/** Junction started with an invalid route file does not start, and says why with file and line. */
@QuarkusMainTest
@TestProfile(InvalidRoutesAtStartupTest.BrokenRouteFile.class)
class InvalidRoutesAtStartupTest {

    static final Path DIR = Path.of("target/invalid-routes");
    static final Path BROKEN = DIR.resolve("broken.yaml");

    public static class BrokenRouteFile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            TempDirs.deleteQuietly(DIR);
            RouteReloadTest.write(DIR.resolve("fine.yaml"), RouteReloadTest.greeting("hello"));
            RouteReloadTest.write(BROKEN, """
                    - route:
                        id: broken
                        from:
                          uri: direct:broken
                          steps:
                            - to: kafka:{{orders.topic.nowhere}}
                            - tooo: log:x
                    """);
            return Map.of("junction.routes.dir", DIR.toString());
        }
    }

    /**
     * A launch that fails leaves its profile's overrides behind as system properties; without this the next test
     * application would load this profile's broken route directory.
     */
    @AfterAll
    static void forgetTheBrokenRouteDirectory() {
        System.clearProperty("junction.routes.dir");
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void refusesToStartAndListsEveryProblem(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertThat(output).contains("Route files are invalid, Junction does not start:")
                .contains(BROKEN + ":6: unresolved property placeholder {{orders.topic.nowhere}}")
                .contains(BROKEN + ":7: Unknown node id: tooo");
    }
}
