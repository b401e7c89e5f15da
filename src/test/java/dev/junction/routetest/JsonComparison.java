package dev.junction.routetest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares JSON as JSON: field order does not matter, numbers are equal when their values are (4.5 and 4.50), and
 * every difference is named by its JSON path ({@code $.lines[0].sku: expected "SKU-1" but was "SKU-2"}).
 */
final class JsonComparison {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("$", expected, actual, differences);
        return differences;
    }

    boolean equal(JsonNode expected, JsonNode actual) {
        return differences(expected, actual).isEmpty();
    }

    private void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = child(path, field.getKey());
                if (!actual.has(field.getKey())) {
                    differences.add(fieldPath + ": expected " + Rendering.json(field.getValue())
                            + " but it is missing");
                } else {
                    compare(fieldPath, field.getValue(), actual.get(field.getKey()), differences);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = actual.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!expected.has(field.getKey())) {
                    differences.add(child(path, field.getKey()) + ": not expected, but was "
                            + Rendering.json(field.getValue()));
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": expected " + expected.size() + " elements but was " + actual.size() + ": "
                        + Rendering.json(actual));
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), differences);
            }
        } else if (!sameValue(expected, actual)) {
            differences.add(path + ": expected " + Rendering.json(expected) + " but was " + Rendering.json(actual));
        }
    }

    private static boolean sameValue(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static String child(String path, String name) {
        return PLAIN_NAME.matcher(name).matches() ? path + "." + name : path + "['" + name.replace("'", "\\'") + "']";
    }
}
