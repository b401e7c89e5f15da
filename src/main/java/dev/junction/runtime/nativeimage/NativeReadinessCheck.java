package dev.junction.runtime.nativeimage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;

import dev.junction.runtime.validation.ConfigFileProperties;
import dev.junction.runtime.validation.RouteDefinitions;
import dev.junction.runtime.validation.RouteProblem;
import dev.junction.runtime.validation.RouteSource;

/**
 * The build's native-image check of the YAML routes (see {@link NativeReadiness}), run by Maven after compiling, in
 * every build (JVM and native): prints one {@code file:line: message} per problem and exits 1 on errors, which fails
 * the build. Part of the application so the native build can run it too (the native profile compiles no JVM-only
 * tools); nothing in Junction calls it, so native-image leaves it out.
 *
 * <pre>java -cp ... dev.junction.runtime.nativeimage.NativeReadinessCheck [--config FILE] [ROUTES-DIR]</pre>
 */
public final class NativeReadinessCheck {

    static final int OK = 0;
    static final int NOT_READY = 1;
    static final int USAGE = 2;

    private NativeReadinessCheck() {
    }

    public static void main(String[] args) {
        // A build step: its report is its standard output.
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path config = Path.of("config/application.properties");
        Path routes = Path.of("routes");
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else {
                routes = Path.of(args[i]);
            }
        }
        ClassLoader classLoader = NativeReadinessCheck.class.getClassLoader();
        CamelExtensions classPath = new CamelExtensions(classLoader);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(endpointProperties(config));
            camel.build();
            List<RouteDefinitions> files = new ArrayList<>();
            List<RouteProblem> problems = new ArrayList<>();
            for (RouteSource file : RouteSource.readAll(routes)) {
                try {
                    files.add(RouteDefinitions.parse(camel, file));
                } catch (Exception e) {
                    problems.add(new RouteProblem(file.name(), 0, "cannot be read as YAML routes (run ./mvnw -q"
                            + " compile exec:exec@validate-routes for the details): " + e.getMessage()));
                }
            }
            NativeReadiness readiness = new NativeReadiness(camel,
                    ReflectionRegistrations.scan(classLoader, "dev.junction"), classPath::componentArtifact,
                    classPath::componentClasses, classPath.extensions());
            problems.addAll(readiness.check(files));
            problems.forEach(out::println);
            long errors = problems.stream().filter(problem -> !problem.warning()).count();
            out.printf("Native readiness of %s: %d route file(s), %d class and bean reference(s), %d endpoint(s)"
                    + " checked: %d error(s), %d warning(s)%n", RouteSource.displayName(routes), files.size(),
                    readiness.classesChecked(),
                    readiness.schemesChecked(), errors, problems.size() - errors);
            return errors > 0 ? NOT_READY : OK;
        } catch (IOException e) {
            err.println("Cannot check the routes for the native build: " + e.getMessage());
            return USAGE;
        }
    }

    /**
     * The prod profile's keys, which a native image runs with; keys it leaves to the environment (INVENTORY_URL) are
     * taken from dev mode, so their endpoints' schemes are still checked: a scheme seldom depends on the profile.
     */
    private static Properties endpointProperties(Path config) throws IOException {
        Properties properties = ConfigFileProperties.load(config, "prod");
        ConfigFileProperties.load(config, "dev").forEach(properties::putIfAbsent);
        return properties;
    }
}
