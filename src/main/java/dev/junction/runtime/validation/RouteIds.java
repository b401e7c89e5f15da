package dev.junction.runtime.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteBuilderLifecycleStrategy;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * Stable ids for the routes a YAML file leaves unnamed, as plain Camel YAML usually does (the {@code camel} CLI, Kaoto,
 * the Camel documentation): {@code <file name>-<position>}, the position counting the file's routes and REST verbs
 * from 1 in the order they stand in the file, named or not ({@code orders.yaml}: {@code orders-1}, {@code orders-2},
 * ...). Camel's own ids ({@code route1}, ...) depend on what else was loaded before, so metrics, SLOs and the
 * operations API would lose a route on every reload; these stay as long as the file keeps its shape. Applied while the
 * file's routes are configured, before Camel turns REST verbs into routes, both when a file is validated and when it
 * is loaded, so both see the same ids.
 */
public final class RouteIds implements RouteBuilderLifecycleStrategy {

    private final String prefix;
    private final List<String> assigned = new ArrayList<>();

    /** @param file the file's name as Junction reports it ({@code routes/orders.yaml}) */
    public RouteIds(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        this.prefix = name.replaceFirst("\\.(yaml|yml)$", "");
    }

    @Override
    public void afterConfigure(RouteBuilder builder) {
        List<OptionalIdentifiedDefinition<?>> items = new ArrayList<>(builder.getRouteCollection().getRoutes());
        for (RestDefinition rest : builder.getRestCollection().getRests()) {
            items.addAll(rest.getVerbs());
        }
        items.sort(Comparator.comparingInt(OptionalIdentifiedDefinition::getLineNumber));
        for (int i = 0; i < items.size(); i++) {
            String id = prefix + "-" + (i + 1);
            if (items.get(i) instanceof RouteDefinition route && route.getRouteId() == null) {
                route.setId(id);
                assigned.add(id);
            } else if (items.get(i) instanceof VerbDefinition verb && verb.getRouteId() == null) {
                verb.setRouteId(id);
                assigned.add(id);
            }
        }
    }

    /** The ids given, in file order: empty when every route had its own. */
    public List<String> assigned() {
        return List.copyOf(assigned);
    }
}
