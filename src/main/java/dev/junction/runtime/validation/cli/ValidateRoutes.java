package dev.junction.runtime.validation.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;

import dev.junction.runtime.validation.ConfigFileProperties;
import dev.junction.runtime.validation.RouteFileValidator;
import dev.junction.runtime.validation.RouteInventory;
import dev.junction.runtime.validation.RouteProblem;
import dev.junction.runtime.validation.RouteSource;

/**
 * The route check for CI pipelines: validates YAML route files without starting Junction (no database, no broker),
 * prints one {@code file:line: message} line per problem and exits 1 if any is an error.
 *
 * <pre>./mvnw -q compile exec:exec@validate-routes [-Droutes=routes] [-Dprofile=prod]</pre>
 *
 * Arguments: {@code [--profile NAME] [--config FILE] [DIR-OR-FILE ...]}; a directory means every {@code *.yaml}
 * directly in it (as Junction loads them), the default is {@code routes}. JVM only: never part of the native image.
 */
public final class ValidateRoutes {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private ValidateRoutes() {
    }

    public static void main(String[] args) {
        // A command-line tool: its report is its standard output.
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String profile = "prod";
        Path config = Path.of("config/application.properties");
        List<Path> targets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (("--profile".equals(args[i]) || "--config".equals(args[i])) && i + 1 >= args.length) {
                err.println("Missing value after " + args[i]);
                return USAGE;
            }
            switch (args[i]) {
                case "--profile" -> profile = args[++i];
                case "--config" -> config = Path.of(args[++i]);
                default -> targets.add(Path.of(args[i]));
            }
        }
        if (targets.isEmpty()) {
            targets.add(Path.of("routes"));
        }
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            List<RouteSource> files = new ArrayList<>();
            for (Path target : targets) {
                if (!Files.exists(target)) {
                    err.println("No such route file or directory: " + target);
                    return USAGE;
                }
                files.addAll(RouteSource.readAll(target));
            }
            Properties properties = ConfigFileProperties.load(config, profile);
            camel.getPropertiesComponent().setInitialProperties(properties);
            camel.build();
            RouteInventory javaRoutes = new JavaRouteClasses(ValidateRoutes.class.getClassLoader(), "dev.junction")
                    .inspect(camel);
            List<RouteProblem> problems = new RouteFileValidator(camel).validate(files, javaRoutes);
            problems.forEach(out::println);
            long errors = problems.stream().filter(problem -> !problem.warning()).count();
            out.printf("%d route file(s) checked (profile %s): %d error(s), %d warning(s)%n", files.size(), profile,
                    errors, problems.size() - errors);
            return errors > 0 ? INVALID : OK;
        } catch (IOException e) {
            err.println("Cannot validate routes: " + e.getMessage());
            return USAGE;
        }
    }
}
