package dev.junction.runtime.reload;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.CamelContext;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceAware;
import org.apache.camel.support.PluginHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.junction.runtime.reload.ReloadOutcome.Change;
import dev.junction.runtime.validation.RouteFileValidator;
import dev.junction.runtime.validation.RouteIds;
import dev.junction.runtime.validation.RouteInventory;
import dev.junction.runtime.validation.RouteProblem;
import dev.junction.runtime.validation.RouteSource;

/**
 * Junction's YAML route files ({@code junction.routes.dir}/*.yaml and the YAML files of
 * {@code camel.main.routes-include-pattern}: {@link RouteLocations}) and the routes each one runs. Loads them when
 * Camel is configured, after the Java routes, refusing to start if any is invalid; then replaces, adds or removes one
 * file's routes at a time, validated first, so that a bad edit leaves the previous version running.
 */
@ApplicationScoped
public class RouteFiles {

    private static final Logger LOG = Logger.getLogger(RouteFiles.class);

    private final ModelCamelContext camel;
    private final ReloadHistory history;
    /** The routes directory alone until Camel Main has read its routes-include-pattern, then both. */
    private RouteLocations locations;
    /** What runs, by file name: the text each file's routes were loaded from. */
    private final Map<String, RouteSource> running = new LinkedHashMap<>();
    /** The latest text tried for each file, loaded or refused: a refused edit is not retried until it changes. */
    private final Map<String, String> attempted = new LinkedHashMap<>();

    public RouteFiles(CamelContext camel, @ConfigProperty(name = "junction.routes.dir") Path dir,
            ReloadHistory history) {
        this.camel = (ModelCamelContext) camel;
        this.locations = new RouteLocations(dir, null, null);
        this.history = history;
    }

    /** Camel has the Java routes now and starts everything right after: the YAML routes join them here. */
    synchronized void loadAtStartup(@Observes AfterConfigure configured) throws Exception {
        MainConfigurationProperties main = configured.getMain().configure();
        locations = new RouteLocations(locations.dir(), main.getRoutesIncludePattern(),
                main.getRoutesExcludePattern());
        List<RouteSource> files = new ArrayList<>(onDisk().values());
        List<RouteProblem> problems = validator().validate(files, inventoryExcept(null));
        problems.stream().filter(RouteProblem::warning).forEach(problem -> LOG.warn(problem));
        List<RouteProblem> errors = problems.stream().filter(problem -> !problem.warning()).toList();
        if (!errors.isEmpty()) {
            errors.forEach(problem -> LOG.error(problem));
            throw new InvalidRouteFilesException(errors);
        }
        addRoutes(files);
        for (RouteSource file : files) {
            running.put(file.name(), file);
            attempted.put(file.name(), file.content());
        }
        LOG.infof("Loaded %d route files from %s: %s", files.size(), locations.describe(),
                String.join(", ", running.keySet()));
    }

    /** Applies every file that changed on disk since it was last tried, one file at a time. */
    public synchronized List<ReloadOutcome> reloadChanged() {
        Map<String, RouteSource> disk;
        try {
            disk = onDisk();
        } catch (UncheckedIOException changing) {
            // A file deleted (or a ConfigMap swapped) while being read: a half-read directory must not look like
            // deleted files. The next check sees it settled.
            LOG.debugf("Route files changed while being read, checking again later: %s", changing.getMessage());
            return List.of();
        }
        List<ReloadOutcome> outcomes = new ArrayList<>();
        Set<String> names = new TreeSet<>(disk.keySet());
        names.addAll(attempted.keySet());
        for (String name : names) {
            RouteSource now = disk.get(name);
            String tried = attempted.get(name);
            if (now == null ? tried == null : now.content().equals(tried)) {
                continue;
            }
            if (now != null && now.content().isBlank()) {
                // An editor saving in place truncates first: an empty file is one being written, not the user's
                // wish to drop every route in it (deleting the file does that).
                continue;
            }
            if (now == null) {
                attempted.remove(name);
            } else {
                attempted.put(name, now.content());
            }
            outcomes.add(apply(name, now));
        }
        return outcomes;
    }

    public synchronized Map<String, List<String>> routesByFile() {
        return running.keySet().stream().collect(Collectors.toMap(name -> name,
                name -> definitionsOf(location(name)).routes().stream().map(RouteDefinition::getRouteId).toList(),
                (a, b) -> a, LinkedHashMap::new));
    }

    private ReloadOutcome apply(String name, RouteSource next) {
        long started = System.nanoTime();
        RouteSource previous = running.get(name);
        Change change = next == null ? Change.DELETED : previous == null ? Change.ADDED : Change.CHANGED;
        if (next != null) {
            List<RouteProblem> problems = validator().validate(List.of(next), inventoryExcept(location(name)));
            problems.stream().filter(RouteProblem::warning).forEach(problem -> LOG.warn(problem));
            List<String> errors = problems.stream().filter(problem -> !problem.warning())
                    .map(RouteProblem::toString).toList();
            if (!errors.isEmpty()) {
                return refused(name, change, errors, started);
            }
        }
        try {
            unload(name);
            if (next != null) {
                load(name, next);
                running.put(name, next);
            } else {
                running.remove(name);
            }
        } catch (Exception e) {
            LOG.errorf(e, "Reloading %s failed; putting its previous version back", name);
            return refused(name, change, List.of(name + ": cannot be started: " + rootMessage(e)
                    + (rollBack(name, previous) ? "" : " (and its previous version did not start again either)")),
                    started);
        }
        ReloadOutcome outcome = new ReloadOutcome(name, change, true, List.of(), routeIds(name), Instant.now(),
                elapsedMs(started));
        LOG.infof("Reloaded %s (%s) in %d ms: routes %s", name, change.name().toLowerCase(), outcome.durationMs(),
                outcome.routes());
        history.record(outcome);
        return outcome;
    }

    private ReloadOutcome refused(String name, Change change, List<String> errors, long started) {
        errors.forEach(error -> LOG.error(error));
        if (change == Change.ADDED) {
            LOG.errorf("New route file %s refused: none of its routes were loaded", name);
        } else {
            LOG.errorf("Reload of %s refused: the routes it had keep running", name);
        }
        ReloadOutcome outcome = new ReloadOutcome(name, change, false, errors, routeIds(name), Instant.now(),
                elapsedMs(started));
        history.record(outcome);
        return outcome;
    }

    private boolean rollBack(String name, RouteSource previous) {
        try {
            unload(name);
            if (previous != null) {
                load(name, previous);
            }
            return true;
        } catch (Exception e) {
            LOG.errorf(e, "The previous version of %s could not be started again; its routes are down", name);
            running.remove(name);
            return false;
        }
    }

    /**
     * Adds the file's routes to the running context and starts them. The supervising route controller only starts
     * routes it knew at startup; later ones are started here, so a route that cannot start fails the reload (and is
     * rolled back) instead of lingering stopped. Routes the file says not to start automatically stay stopped.
     */
    private void load(String name, RouteSource source) throws Exception {
        addRoutes(List.of(source));
        for (RouteDefinition route : definitionsOf(location(name)).routes()) {
            String autoStartup = route.getAutoStartup();
            boolean start = autoStartup == null || Boolean.parseBoolean(camel.resolvePropertyPlaceholders(autoStartup));
            if (start && !camel.getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
                camel.getRouteController().startRoute(route.getRouteId());
            }

        }
    }

    /**
     * What Camel's {@code RoutesLoader.loadRoutes} does (route configurations first, as they apply to every route, then
     * routes and REST services, then templated routes), with {@link RouteIds} naming the routes a file leaves unnamed
     * while they are configured. Each name given is logged once, when its file is loaded.
     */
    private void addRoutes(List<RouteSource> files) throws Exception {
        List<RoutesBuilder> builders = new ArrayList<>();
        Map<RouteSource, RouteIds> ids = new LinkedHashMap<>();
        for (RouteSource file : files) {
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(file.resource())) {
                if (builder instanceof RouteBuilder routeBuilder) {
                    RouteIds named = ids.computeIfAbsent(file, source -> new RouteIds(source.name()));
                    routeBuilder.addLifecycleInterceptor(named);
                }
                builders.add(builder);
            }
        }
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteConfigurationsBuilder configurations) {
                camel.addRoutesConfigurations(configurations);
            }
        }
        for (RoutesBuilder builder : builders) {
            camel.addRoutes(builder);
        }
        for (RoutesBuilder builder : builders) {
            camel.addTemplatedRoutes(builder);
        }
        ids.forEach((file, named) -> {
            if (!named.assigned().isEmpty()) {
                LOG.infof("%s: routes without an id are named %s (file name and position)", file.name(),
                        String.join(", ", named.assigned()));
            }
        });
    }

    /**
     * Stops and removes everything the file defined: routes (each stopped gracefully, so its in-flight exchanges
     * finish), REST services and route configurations. Routes of other files are not touched.
     */
    private void unload(String name) throws Exception {
        FileDefinitions definitions = definitionsOf(location(name));
        // Entry routes first, the direct: routes they call last: a request still in an entry route must find the
        // routes it calls running. The other way round it waits for a direct: consumer already gone (up to 30 s),
        // while the entry route's graceful stop waits for that request.
        List<RouteDefinition> entriesFirst = new ArrayList<>(definitions.routes());
        entriesFirst.sort(Comparator.comparing(RouteFiles::calledByOtherRoutes));
        camel.removeRouteDefinitions(entriesFirst);
        camel.getRestDefinitions().removeAll(definitions.rests());
        for (RouteConfigurationDefinition configuration : definitions.configurations()) {
            camel.removeRouteConfiguration(configuration);
        }
    }

    private FileDefinitions definitionsOf(String location) {
        List<RestDefinition> rests = camel.getRestDefinitions().stream().filter(rest -> from(rest, location)).toList();
        // The routes generated for REST verbs are known by the ids the verbs give them.
        Set<String> restRouteIds = rests.stream().flatMap(rest -> rest.getVerbs().stream())
                .map(verb -> verb.getRouteId()).filter(Objects::nonNull).collect(Collectors.toSet());
        List<RouteDefinition> routes = camel.getRouteDefinitions().stream()
                .filter(route -> from(route, location) || restRouteIds.contains(route.getRouteId())).toList();
        List<RouteConfigurationDefinition> configurations = camel.getRouteConfigurationDefinitions().stream()
                .filter(configuration -> from(configuration, location)).toList();
        return new FileDefinitions(routes, rests, configurations);
    }

    /** What every other file and the Java routes define, for validating one file (or all, with null). */
    private RouteInventory inventoryExcept(String location) {
        FileDefinitions excluded = location == null ? new FileDefinitions(List.of(), List.of(), List.of())
                : definitionsOf(location);
        return RouteInventory.of(
                camel.getRouteDefinitions().stream().filter(route -> !excluded.routes().contains(route)).toList(),
                camel.getRestDefinitions().stream().filter(rest -> !excluded.rests().contains(rest)).toList(),
                camel.getRouteConfigurationDefinitions().stream()
                        .filter(configuration -> !excluded.configurations().contains(configuration)).toList(),
                List.of());
    }

    private RouteFileValidator validator() {
        return new RouteFileValidator(camel);
    }

    private List<String> routeIds(String name) {
        return definitionsOf(location(name)).routes().stream().map(RouteDefinition::getRouteId).toList();
    }

    private Map<String, RouteSource> onDisk() {
        return locations.read(camel);
    }

    private static boolean calledByOtherRoutes(RouteDefinition route) {
        String from = route.getInput() != null ? route.getInput().getEndpointUri() : "";
        return from.startsWith("direct:") || from.startsWith("seda:");
    }

    private static boolean from(ResourceAware definition, String location) {
        Resource resource = definition.getResource();
        return resource != null && location.equals(resource.getLocation());
    }

    private static String location(String name) {
        return new RouteSource(name, "").location();
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getName();
    }

    private record FileDefinitions(List<RouteDefinition> routes, List<RestDefinition> rests,
            List<RouteConfigurationDefinition> configurations) {
    }
}
