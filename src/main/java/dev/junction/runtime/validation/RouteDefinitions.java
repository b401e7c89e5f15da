package dev.junction.runtime.validation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.spi.RoutesBuilderLoader;
import org.apache.camel.support.PluginHelper;

/**
 * What one YAML route file defines, read by Camel's own YAML DSL parser without adding anything to the context: the
 * routes, REST services and route configurations, each definition carrying its line, and every route and REST verb an id
 * (its own, or the one {@link RouteIds} gives it when it is loaded).
 */
public record RouteDefinitions(RouteSource source, List<RouteDefinition> routes, List<RestDefinition> rests,
        List<RouteConfigurationDefinition> configurations, Set<String> templateParameters) {

    /** @throws Exception whatever Camel's parser says is wrong with the file (YAML or DSL) */
    public static RouteDefinitions parse(CamelContext camel, RouteSource file) throws Exception {
        RoutesBuilderLoader yaml = PluginHelper.getRoutesLoader(camel).getRoutesLoader("yaml");
        RouteBuilder builder = (RouteBuilder) yaml.loadRoutesBuilder(file.resource());
        builder.addLifecycleInterceptor(new RouteIds(file.name()));
        List<RouteDefinition> routes = builder.configureRoutes(camel).getRoutes();
        List<RouteConfigurationDefinition> configurations = List.of();
        if (builder instanceof RouteConfigurationBuilder withConfigurations) {
            // The YAML builder reads its routeConfiguration items in a pass of their own.
            withConfigurations.configuration();
            configurations = withConfigurations.getRouteConfigurationCollection().getRouteConfigurations();
        }
        // {{name}} in a route template is the template's parameter, filled in when a route is made from it
        Set<String> templateParameters = builder.getRouteTemplateCollection().getRouteTemplates().stream()
                .flatMap(template -> template.getTemplateParameters().stream())
                .map(RouteTemplateParameterDefinition::getName).collect(Collectors.toSet());
        return new RouteDefinitions(file, routes, builder.getRestCollection().getRests(), configurations,
                templateParameters);
    }
}
