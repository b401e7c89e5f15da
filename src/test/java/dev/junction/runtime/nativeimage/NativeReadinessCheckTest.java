package dev.junction.runtime.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import dev.junction.runtime.validation.RouteDefinitions;
import dev.junction.runtime.validation.RouteProblem;
import dev.junction.runtime.validation.RouteSource;

/**
 * The build's native readiness check, on broken fixtures (src/test/resources/native-readiness) and on routes/: the
 * exact lines it prints and its exit code, which fails the build.
 */
class NativeReadinessCheckTest {

    private static final String FIXTURES = "src/test/resources/native-readiness/";

    @Test
    void junctionsOwnRoutesAreReadyForANativeImage() {
        Result result = check("routes");

        assertThat(result.problems()).isEmpty();
        assertThat(result.summary()).startsWith("Native readiness of routes: 7 route file(s)").endsWith(
                "checked: 0 error(s), 0 warning(s)");
        assertThat(result.exitCode()).isEqualTo(NativeReadinessCheck.OK);
    }

    @Test
    void classesAndBeansNotRegisteredForReflectionFailTheBuild() {
        String file = FIXTURES + "unregistered-classes.yaml";
        Result result = check(file);

        assertThat(result.problems()).containsExactly(
                file + ":7: bean 'failureHeaders' (dev.junction.runtime.deadletter.FailureHeaders) has its methods called by"
                        + " name, but its class is not registered for reflection: a native image cannot call them."
                        + " Annotate it @RegisterForReflection",
                file + ":13: throwException names dev.junction.runtime.ops.OpsException, which is not registered for"
                        + " reflection: a native image cannot load it by name. Annotate it @RegisterForReflection, or"
                        + " list it in @RegisterForReflection(targets = ...) on an application class if it is not the"
                        + " application's",
                file + ":20: onException names java.lang.IllegalStateException, which is not registered for"
                        + " reflection: a native image cannot load it by name. Annotate it @RegisterForReflection, or"
                        + " list it in @RegisterForReflection(targets = ...) on an application class if it is not the"
                        + " application's");
        assertThat(result.summary()).endsWith("3 error(s), 0 warning(s)");
        assertThat(result.exitCode()).isEqualTo(NativeReadinessCheck.NOT_READY);
    }

    @Test
    void aSchemeNoComponentOnTheClassPathHasFailsTheBuild() {
        String file = FIXTURES + "scheme-without-extension.yaml";
        Result result = check(file);

        assertThat(result.problems()).containsExactly(file + ":7: component scheme 'ftp' in"
                + " 'ftp:files.example.com/inbox': no Camel component on the class path has it; add its Camel Quarkus"
                + " extension (org.apache.camel.quarkus:camel-quarkus-ftp, if that is its name) to pom.xml");
        assertThat(result.exitCode()).isEqualTo(NativeReadinessCheck.NOT_READY);
    }

    /**
     * A component jar can be on the class path without its extension (pulled in by another library): the JVM runs
     * it, a native image would lack it. Checked against the real class path's components, with kafka's extension left
     * out of the extensions the build is said to have.
     */
    @Test
    void aComponentWithoutItsCamelQuarkusExtensionFailsTheBuild() throws Exception {
        CamelExtensions classPath = new CamelExtensions(getClass().getClassLoader());
        Set<String> extensions = new TreeSet<>(classPath.extensions());
        assertThat(extensions).contains("camel-quarkus-kafka", "camel-quarkus-direct");
        extensions.remove("camel-quarkus-kafka");
        RouteSource file = RouteSource.read(Path.of(FIXTURES + "kafka.yaml"));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.build();
            NativeReadiness readiness = new NativeReadiness(camel,
                    ReflectionRegistrations.scan(getClass().getClassLoader(), "dev.junction"),
                    classPath::componentArtifact, classPath::componentClasses, extensions);

            List<RouteProblem> problems = readiness.check(List.of(RouteDefinitions.parse(camel, file)));

            assertThat(problems).extracting(RouteProblem::toString).containsExactly(file.name() + ":7: component"
                    + " scheme 'kafka' in 'kafka:orders.express' comes from camel-kafka, but its Camel Quarkus"
                    + " extension org.apache.camel.quarkus:camel-quarkus-kafka is not in the build, and the plain"
                    + " component's classes are not registered for reflection either"
                    + " (org.apache.camel.component.kafka.KafkaComponent,"
                    + " org.apache.camel.component.kafka.KafkaComponentConfigurer,"
                    + " org.apache.camel.component.kafka.KafkaEndpointConfigurer,"
                    + " org.apache.camel.component.kafka.KafkaEndpointUriFactory): a native image would not have the"
                    + " component. Add the extension to pom.xml or, where it is not served, register those classes in"
                    + " dev.junction.runtime.nativeimage.PlainCamelComponents");
        }
    }

    /**
     * camel-sql has no extension at Camel Quarkus 3.31.0: Junction registers the plain component itself. Without
     * that registration (an application whose reflection registrations leave it out) the same route is refused.
     */
    @Test
    void aPlainComponentPassesOnlyWithItsClassesRegisteredForReflection() throws Exception {
        CamelExtensions classPath = new CamelExtensions(getClass().getClassLoader());
        assertThat(classPath.extensions()).doesNotContain("camel-quarkus-sql");
        RouteSource file = RouteSource.read(Path.of(FIXTURES + "plain-sql.yaml"));
        ReflectionRegistrations junctions = ReflectionRegistrations.scan(getClass().getClassLoader(), "dev.junction");
        assertThat(junctions.registered()).containsAll(classPath.componentClasses("sql"));
        ReflectionRegistrations none = new ReflectionRegistrations(Set.of(), junctions.namedBeans());
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.build();
            RouteDefinitions routes = RouteDefinitions.parse(camel, file);

            assertThat(new NativeReadiness(camel, junctions, classPath::componentArtifact,
                    classPath::componentClasses, classPath.extensions()).check(List.of(routes))).isEmpty();
            assertThat(new NativeReadiness(camel, none, classPath::componentArtifact, classPath::componentClasses,
                    classPath.extensions()).check(List.of(routes))).extracting(RouteProblem::toString)
                    .containsExactly(file.name() + ":7: component scheme 'sql' in 'sql:SELECT 1' comes from camel-sql,"
                            + " but its Camel Quarkus extension org.apache.camel.quarkus:camel-quarkus-sql is not in"
                            + " the build, and the plain component's classes are not registered for reflection either"
                            + " (org.apache.camel.component.sql.SqlComponent,"
                            + " org.apache.camel.component.sql.SqlComponentConfigurer,"
                            + " org.apache.camel.component.sql.SqlEndpointConfigurer,"
                            + " org.apache.camel.component.sql.SqlEndpointUriFactory): a native image would not have"
                            + " the component. Add the extension to pom.xml or, where it is not served, register those"
                            + " classes in dev.junction.runtime.nativeimage.PlainCamelComponents");
        }
    }

    private static Result check(String routes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = NativeReadinessCheck.run(new String[] { "--config", "config/application.properties", routes },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        return new Result(lines.subList(0, lines.size() - 1), lines.get(lines.size() - 1), exitCode);
    }

    private record Result(List<String> problems, String summary, int exitCode) {
    }
}
