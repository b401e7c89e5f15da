package dev.junction.runtime.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.RuntimeCamelCatalog;
import org.apache.camel.catalog.impl.AbstractCamelCatalog;
import org.apache.camel.catalog.impl.DefaultRuntimeCamelCatalog;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Checks an endpoint URI against the component metadata of the application's classpath (Camel's runtime catalog):
 * the scheme must belong to a component the application has (in a native image, one whose extension was built in),
 * and every option must be one the component knows, with a value of the right type.
 */
final class EndpointChecks {

    private final CamelContext camel;
    private final AbstractCamelCatalog catalog;

    EndpointChecks(CamelContext camel) {
        this.camel = camel;
        // The context's own catalog where it has one (Camel Quarkus builds it from the extensions present).
        if (camel.getCamelContextExtension()
                .getContextPlugin(RuntimeCamelCatalog.class) instanceof AbstractCamelCatalog own) {
            this.catalog = own;
        } else {
            DefaultRuntimeCamelCatalog standalone = new DefaultRuntimeCamelCatalog();
            standalone.setCamelContext(camel);
            this.catalog = standalone;
        }
    }

    void check(String file, int line, String uri, List<RouteProblem> problems) {
        if (uri == null || uri.isBlank()) {
            return;
        }
        String resolved;
        try {
            resolved = camel.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException unresolved) {
            return; // reported as an unresolved placeholder, with its own line
        }
        int colon = resolved.indexOf(':');
        if (colon <= 0) {
            problems.add(new RouteProblem(file, line, "'" + uri + "' is not an endpoint URI (scheme:path?options)"));
            return;
        }
        String scheme = resolved.substring(0, colon);
        if (scheme.contains("${")) {
            return; // the whole endpoint is chosen per message
        }
        if (catalog.componentJSonSchema(scheme) == null) {
            if (!resolvable(scheme)) {
                problems.add(new RouteProblem(file, line, "unknown component '" + scheme + "' in '" + uri
                        + "': no Camel component on the application's classpath has this scheme"));
            }
            // A component without catalog metadata (some Camel Quarkus builds leave it out): its options cannot be
            // checked before it runs.
            return;
        }
        if (resolved.contains("${")) {
            return; // options computed per message cannot be checked before one arrives
        }
        // Not ignoring lenient properties: an http URI's unknown query parameters are the remote call's own.
        EndpointValidationResult result = catalog.validateEndpointProperties(resolved, false, false, false);
        if (result.isSuccess()) {
            return;
        }
        for (String message : describe(scheme, result)) {
            problems.add(new RouteProblem(file, line, message + " in '" + uri + "'"));
        }
    }

    private boolean resolvable(String scheme) {
        if (camel.hasComponent(scheme) != null) {
            return true;
        }
        try {
            return PluginHelper.getComponentResolver(camel).resolveComponent(scheme, camel) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private List<String> describe(String scheme, EndpointValidationResult result) {
        List<String> messages = new ArrayList<>();
        if (result.getSyntaxError() != null) {
            messages.add("invalid syntax: " + result.getSyntaxError());
        }
        if (result.getIncapable() != null) {
            messages.add("cannot be checked: " + result.getIncapable());
        }
        if (result.getUnknown() != null) {
            Set<String> known = optionNames(scheme);
            for (Object option : result.getUnknown()) {
                String suggestion = Suggestions.closest(option.toString(), known);
                messages.add("unknown option '" + option + "' of component " + scheme
                        + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : ""));
            }
        }
        if (result.getRequired() != null) {
            result.getRequired().forEach(option -> messages.add("missing required option '" + option + "'"));
        }
        invalid(messages, result.getInvalidBoolean(), "a boolean (true or false)");
        invalid(messages, result.getInvalidInteger(), "an integer");
        invalid(messages, result.getInvalidNumber(), "a number");
        invalid(messages, result.getInvalidDuration(), "a duration (e.g. 5000, 5s, 1m30s)");
        invalid(messages, result.getInvalidReference(), "a bean reference (#name)");
        invalid(messages, result.getInvalidMap(), "a map");
        invalid(messages, result.getInvalidArray(), "a list");
        if (result.getInvalidEnum() != null) {
            Map<?, ?> choices = result.getInvalidEnumChoices();
            result.getInvalidEnum().forEach((option, value) -> messages.add("option '" + option + "' is '" + value
                    + "', not one of " + (choices != null ? choices.get(option) : "its allowed values")));
        }
        if (messages.isEmpty()) {
            messages.add("invalid endpoint: " + result.summaryErrorMessage(false, false, false).strip());
        }
        return messages;
    }

    private static void invalid(List<String> messages, Map<?, ?> values, String expected) {
        if (values != null) {
            values.forEach((option, value) -> messages.add("option '" + option + "' is '" + value + "', not "
                    + expected));
        }
    }

    private Set<String> optionNames(String scheme) {
        Set<String> names = new TreeSet<>();
        try {
            JsonObject schema = (JsonObject) Jsoner.deserialize(catalog.componentJSonSchema(scheme));
            JsonObject properties = (JsonObject) schema.get("properties");
            if (properties != null) {
                names.addAll(properties.keySet());
            }
        } catch (Exception unreadable) {
            // no suggestion then; the unknown option is still reported
        }
        return names;
    }
}
