package dev.junction.runtime.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Checks YAML route files before they are loaded, with Camel's own YAML DSL parser (so what passes here is what
 * Camel would accept) and the component catalog of the application's classpath, and reports every problem with its
 * file and line. One validator serves the command-line check, startup and every reload, so all three report alike.
 */
public final class RouteFileValidator {

    /**
     * Endpoints Junction's runtime always consumes, whatever the route files: the dead-letter store's entry
     * (dev.junction.runtime.deadletter.DeadLetterRoutes), which a route's own dead-letter route may send to.
     */
    private static final Set<String> RUNTIME_DIRECT = Set.of("junction-dead-letter");

    /**
     * Route configurations Junction's runtime always defines, whatever the route files: the default dead-letter
     * channel under its id (dev.junction.runtime.deadletter.DeadLetterRouteConfiguration) and the shared
     * noErrorHandler for routes called with direct: (StepRouteConfiguration), so a route may name them even where
     * the Java builders cannot be inspected.
     */
    private static final Set<String> RUNTIME_ROUTE_CONFIGURATIONS = Set.of("junction-dead-letters", "junction-steps");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");

    private final CamelContext camel;
    private final EndpointChecks endpoints;

    public RouteFileValidator(CamelContext camel) {
        this.camel = camel;
        this.endpoints = new EndpointChecks(camel);
    }

    /**
     * Validates route files as one set, beside what the rest of the application defines.
     *
     * @return the problems, in file order; empty when every file may be loaded
     */
    public List<RouteProblem> validate(List<RouteSource> files, RouteInventory others) {
        List<RouteProblem> problems = new ArrayList<>();
        List<RouteDefinitions> parsed = new ArrayList<>();
        for (RouteSource file : files) {
            Optional<RouteDefinitions> definitions = parse(file, problems);
            checkPlaceholders(file, definitions.map(RouteDefinitions::templateParameters).orElse(Set.of()),
                    problems);
            definitions.ifPresent(parsed::add);
        }
        Map<String, String> directConsumers = new HashMap<>();
        Map<String, String> routeConfigurations = new HashMap<>();
        Map<String, RouteProblem> firstIds = new HashMap<>();
        for (RouteDefinitions file : parsed) {
            file.configurations().forEach(config -> routeConfigurations.put(config.getId(), file.source().name()));
            for (RouteDefinition route : file.routes()) {
                String from = route.getInput().getEndpointUri();
                if (DirectEndpoints.isDirect(from)) {
                    directConsumers.put(DirectEndpoints.name(from), file.source().name());
                }
            }
        }
        for (RouteDefinitions file : parsed) {
            String name = file.source().name();
            for (RouteDefinition route : file.routes()) {
                checkRouteId(name, route.getRouteId(), line(route), others, firstIds, problems);
                checkRouteConfigurations(name, route, others, routeConfigurations, problems);
                endpoints.check(name, line(route.getInput()), route.getInput().getEndpointUri(), problems);
                for (EndpointRequiredDefinition send : ProcessorDefinitionHelper.filterTypeInOutputs(
                        route.getOutputs(), EndpointRequiredDefinition.class)) {
                    checkSend(name, line((OptionalIdentifiedDefinition<?>) send), send.getEndpointUri(), others,
                            directConsumers, problems);
                }
                for (ToDynamicDefinition send : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                        ToDynamicDefinition.class)) {
                    endpoints.check(name, line(send), send.getUri(), problems);
                }
                checkExceptionClasses(name, route.getOutputs(), problems);
            }
            for (RouteConfigurationDefinition config : file.configurations()) {
                for (OnExceptionDefinition onException : config.getOnExceptions()) {
                    checkExceptionClasses(name, List.of(onException), problems);
                }
            }
            for (RestDefinition rest : file.rests()) {
                for (VerbDefinition verb : rest.getVerbs()) {
                    checkRouteId(name, verb.getRouteId(), line(verb), others, firstIds, problems);
                    if (verb.getTo() != null) {
                        int toLine = line(verb.getTo()) > 0 ? line(verb.getTo()) : line(verb);
                        checkSend(name, toLine, verb.getTo().getUri(), others, directConsumers, problems);
                    }
                }
            }
        }
        StepIds.check(parsed, others, problems);
        List<String> order = files.stream().map(RouteSource::name).toList();
        // Route configurations' onException clauses also appear in the routes that use them: report each once.
        return problems.stream().distinct()
                .sorted(Comparator.comparingInt((RouteProblem p) -> order.indexOf(p.file()))
                        .thenComparingInt(RouteProblem::line))
                .toList();
    }

    private Optional<RouteDefinitions> parse(RouteSource file, List<RouteProblem> problems) {
        try {
            return Optional.of(RouteDefinitions.parse(camel, file));
        } catch (Exception e) {
            problems.add(yamlProblem(file, e));
            return Optional.empty();
        }
    }

    /** Camel's YAML errors carry a mark (line, column) in their cause chain; its message repeats the file. */
    private static RouteProblem yamlProblem(RouteSource file, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException marked) {
                int line = marked.getProblemMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
                String context = marked.getContext() != null ? marked.getContext() + ": " : "";
                return new RouteProblem(file.name(), line, context + marked.getProblem());
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new RouteProblem(file.name(), 0, "cannot be loaded: " + root.getMessage());
    }

    /**
     * Placeholders are looked for in the text, not the model: that gives the line, and covers every place Camel
     * resolves them. {@code {{key:default}}}, optional {@code {{?key}}} and functions such as {@code {{env:X}}}
     * always resolve, and so do a route template's parameters.
     */
    private void checkPlaceholders(RouteSource file, Set<String> templateParameters, List<RouteProblem> problems) {
        String[] lines = file.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith("#")) {
                continue;
            }
            Matcher placeholder = PLACEHOLDER.matcher(lines[i]);
            while (placeholder.find()) {
                String key = placeholder.group(1).strip();
                if (key.startsWith("?") || key.contains(":") || templateParameters.contains(key)) {
                    continue;
                }
                if (camel.getPropertiesComponent().resolveProperty(key).isEmpty()) {
                    problems.add(new RouteProblem(file.name(), i + 1, "unresolved property placeholder {{" + key
                            + "}}: no such key in the configuration, the environment or the system properties"));
                }
            }
        }
    }

    private static void checkRouteId(String file, String routeId, int line, RouteInventory others,
            Map<String, RouteProblem> firstIds, List<RouteProblem> problems) {
        if (routeId == null) {
            return; // not from a parsed file (RouteDefinitions names every route): Camel will name it
        }
        String owner = others.routeIdOwner(routeId);
        RouteProblem first = firstIds.putIfAbsent(routeId, new RouteProblem(file, line, ""));
        if (owner != null) {
            problems.add(
                    new RouteProblem(file, line, "duplicate route id '" + routeId + "': already used by " + owner));
        } else if (first != null) {
            problems.add(new RouteProblem(file, line, "duplicate route id '" + routeId + "': already used at "
                    + first.file() + ":" + first.line()));
        }
    }

    private static void checkRouteConfigurations(String file, RouteDefinition route, RouteInventory others,
            Map<String, String> inFiles, List<RouteProblem> problems) {
        String ids = route.getRouteConfigurationId();
        if (ids == null) {
            return;
        }
        for (String id : ids.split(",")) {
            id = id.strip();
            if (!id.isEmpty() && !id.contains("*") && !inFiles.containsKey(id) && !others.hasRouteConfiguration(id)
                    && !RUNTIME_ROUTE_CONFIGURATIONS.contains(id)) {
                problems.add(new RouteProblem(file, line(route), "route '" + route.getRouteId()
                        + "' names routeConfigurationId '" + id + "', which no route configuration has"));
            }
        }
    }

    private void checkSend(String file, int line, String uri, RouteInventory others,
            Map<String, String> directConsumers, List<RouteProblem> problems) {
        endpoints.check(file, line, uri, problems);
        if (!DirectEndpoints.isDirect(uri) || uri.contains("${")) {
            return;
        }
        String name = DirectEndpoints.name(uri);
        if (directConsumers.containsKey(name) || others.consumesDirect(name) || RUNTIME_DIRECT.contains(name)) {
            return;
        }
        String message = "direct:" + name + " is not consumed by any route: a message sent there fails";
        if (others.notInspected().isEmpty()) {
            problems.add(new RouteProblem(file, line, message));
        } else {
            problems.add(RouteProblem.warning(file, line, message + ", unless one of these Java route "
                    + "classes consumes it (not inspected here): " + String.join(", ", others.notInspected())));
        }
    }

    private void checkExceptionClasses(String file, Collection<ProcessorDefinition<?>> outputs,
            List<RouteProblem> problems) {
        List<ProcessorDefinition<?>> all = new ArrayList<>(outputs);
        for (OnExceptionDefinition onException : ProcessorDefinitionHelper.filterTypeInOutputs(all,
                OnExceptionDefinition.class)) {
            for (String type : onException.getExceptions()) {
                if (camel.getClassResolver().resolveClass(camel.resolvePropertyPlaceholders(type)) == null) {
                    problems.add(new RouteProblem(file, line(onException), "onException names " + type
                            + ", which is not a class on the application's classpath"));
                }
            }
        }
    }

    public static int line(Object definition) {
        return definition instanceof OptionalIdentifiedDefinition<?> node ? Math.max(node.getLineNumber(), 0) : 0;
    }
}
