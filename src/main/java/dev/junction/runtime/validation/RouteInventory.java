package dev.junction.runtime.validation;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * What the routes outside the files being validated define, so a file can be checked against the whole application:
 * the route and step ids taken (and by what), the {@code direct:} endpoints consumed, the route configuration ids.
 */
public final class RouteInventory {

    private final Map<String, String> routeIds = new LinkedHashMap<>();
    private final Map<String, String> stepIds = new LinkedHashMap<>();
    private final Set<String> directConsumers = new LinkedHashSet<>();
    private final Set<String> routeConfigurationIds = new LinkedHashSet<>();
    private final List<String> notInspected;

    private RouteInventory(List<String> notInspected) {
        this.notInspected = List.copyOf(notInspected);
    }

    public static RouteInventory empty() {
        return new RouteInventory(List.of());
    }

    /**
     * @param notInspected Java route classes whose routes could not be seen (the command-line validator cannot
     *        build every RouteBuilder without the application): {@code direct:} endpoints nothing is known to consume
     *        are then warnings, not errors
     */
    public static RouteInventory of(Collection<RouteDefinition> routes, Collection<RestDefinition> rests,
            Collection<RouteConfigurationDefinition> configurations, List<String> notInspected) {
        RouteInventory inventory = new RouteInventory(notInspected);
        for (RouteDefinition route : routes) {
            String origin = route.getResource() != null
                    ? route.getResource().getLocation().replaceFirst("^file:", "") : "a Java route";
            if (route.getRouteId() != null) {
                inventory.routeIds.putIfAbsent(route.getRouteId(), origin);
            }
            for (String stepId : StepIds.of(route)) {
                inventory.stepIds.putIfAbsent(stepId, "route '" + route.getRouteId() + "' in " + origin);
            }
            String from = route.getInput() != null ? route.getInput().getEndpointUri() : null;
            if (from != null && from.startsWith("direct:")) {
                inventory.directConsumers.add(DirectEndpoints.name(from));
            }
        }
        for (RestDefinition rest : rests) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verb.getRouteId() != null) {
                    inventory.routeIds.putIfAbsent(verb.getRouteId(), "a REST API");
                }
            }
        }
        configurations.stream().map(RouteConfigurationDefinition::getId).filter(id -> id != null)
                .forEach(inventory.routeConfigurationIds::add);
        return inventory;
    }

    /** Where a route id is already defined, or null when it is free. */
    public String routeIdOwner(String routeId) {
        return routeIds.get(routeId);
    }

    /** Which route (and where) has a step with this id, or null when none has. */
    public String stepIdOwner(String stepId) {
        return stepIds.get(stepId);
    }

    public boolean consumesDirect(String name) {
        return directConsumers.contains(name);
    }

    public boolean hasRouteConfiguration(String id) {
        return routeConfigurationIds.contains(id);
    }

    public List<String> notInspected() {
        return notInspected;
    }
}
