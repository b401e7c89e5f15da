package dev.junction.runtime.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;

/**
 * Camel refuses to start a route when one of its step ids is also the id of another route or of a step in another
 * route ("duplicate id detected"), and that surfaces only when the route starts: at startup, or as a rolled-back
 * reload. This finds it in the files first. Ids repeated inside one route are allowed, as Camel allows them; route ids
 * clashing with route ids are the route id check's.
 */
final class StepIds {

    private StepIds() {
    }

    /** The custom ids of a route's steps (not its own id, nor cross-cutting ones such as onException). */
    static Set<String> of(RouteDefinition route) {
        Set<String> ids = new LinkedHashSet<>(
                ProcessorDefinitionHelper.gatherAllNodeIds(route, new ArrayList<>(), true, false));
        ids.remove(route.getRouteId());
        return ids;
    }

    static void check(List<RouteDefinitions> files, RouteInventory others, List<RouteProblem> problems) {
        Map<String, String> routeIds = new HashMap<>();
        for (RouteDefinitions file : files) {
            for (RouteDefinition route : file.routes()) {
                if (route.getRouteId() != null) {
                    routeIds.putIfAbsent(route.getRouteId(), file.source().name() + ":"
                            + RouteFileValidator.line(route));
                }
            }
        }
        Map<String, Step> firstSteps = new HashMap<>();
        for (RouteDefinitions file : files) {
            for (RouteDefinition route : file.routes()) {
                for (Step step : steps(file.source().name(), route)) {
                    String clash = clash(step, routeIds, others, firstSteps);
                    if (clash != null) {
                        problems.add(new RouteProblem(step.file(), step.line(), "step id '" + step.id() + "' in route '"
                                + route.getRouteId() + "' is already " + clash
                                + ": Camel would not start the route; ids must be unique across routes"));
                    }
                }
            }
        }
    }

    private static String clash(Step step, Map<String, String> routeIds, RouteInventory others,
            Map<String, Step> firstSteps) {
        if (routeIds.containsKey(step.id())) {
            return "the id of the route at " + routeIds.get(step.id());
        }
        if (others.routeIdOwner(step.id()) != null) {
            return "the id of a route in " + others.routeIdOwner(step.id());
        }
        if (others.stepIdOwner(step.id()) != null) {
            return "a step id of " + others.stepIdOwner(step.id());
        }
        Step first = firstSteps.putIfAbsent(step.id(), step);
        if (first != null && !first.routeId().equals(step.routeId())) {
            return "a step id of route '" + first.routeId() + "' at " + first.file() + ":" + first.line();
        }
        return null;
    }

    private static List<Step> steps(String file, RouteDefinition route) {
        Set<String> ids = of(route);
        List<Step> steps = new ArrayList<>();
        for (ProcessorDefinition<?> node : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                ProcessorDefinition.class)) {
            if (node.hasCustomIdAssigned() && ids.contains(node.getId())) {
                steps.add(new Step(node.getId(), String.valueOf(route.getRouteId()), file,
                        RouteFileValidator.line(node)));
            }
        }
        return steps;
    }

    private record Step(String id, String routeId, String file, int line) {
    }
}
