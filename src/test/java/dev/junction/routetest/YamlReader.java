package dev.junction.routetest;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a YAML file as composed nodes rather than plain maps, because nodes remember their line: every problem is
 * reported as {@code file:line: what is wrong}. Scalars follow the YAML 1.2 core schema (202 is a number, true a
 * boolean, null or ~ nothing, anything else text).
 */
record YamlReader(String file, Node root) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    static YamlReader read(Path path) {
        String file = path.toString();
        LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new CoreSchema()).build();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Node root = new Compose(settings).composeReader(reader)
                    .orElseThrow(() -> new TestFileException(file + ":1: the file is empty; it should be a list of"
                            + " tests, each starting with \"- test: <name>\""));
            return new YamlReader(file, root);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(mark -> mark.getLine() + 1).orElse(1);
            // The context says where the construct that went wrong began, often the actual mistake.
            String context = e.getContext() == null ? "" : " (" + oneLine(e.getContext())
                    + e.getContextMark().map(mark -> " that starts at line " + (mark.getLine() + 1)).orElse("") + ")";
            throw new TestFileException(file + ":" + line + ": not valid YAML: " + oneLine(e.getProblem()) + context,
                    e);
        } catch (YamlEngineException e) {
            throw new TestFileException(file + ": not valid YAML: " + oneLine(e.getMessage()), e);
        } catch (NoSuchFileException e) {
            throw new TestFileException(file + ": no such file", e);
        } catch (IOException e) {
            throw new TestFileException(file + ": cannot be read: " + e, e);
        }
    }

    int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
    }

    TestFileException error(Node node, String where, String problem) {
        return new TestFileException(file + ":" + line(node) + ": " + (where.isEmpty() ? "" : where + ": ") + problem);
    }

    /** A mapping with text keys, each key at most once and one of {@code allowed}. */
    Map<String, Node> mapping(Node node, String where, List<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, where, "expected a mapping (key: value lines) with " + String.join(", ", allowed)
                    + ", found " + describe(node));
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (key == null || !allowed.contains(key)) {
                throw error(tuple.getKeyNode(), where, "unknown key " + (key == null ? describe(tuple.getKeyNode())
                        : quote(key)) + "; allowed: " + String.join(", ", allowed));
            }
            if (entries.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), where, quote(key) + " is given twice");
            }
        }
        return entries;
    }

    /** The text under a key of a mapping, if there is one, without checking anything else. */
    Optional<String> peek(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
                        && tuple.getValueNode() instanceof ScalarNode value && !value.getValue().isEmpty()) {
                    return Optional.of(value.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** A mapping of any text keys to values (headers, JSON paths). */
    Map<String, Node> anyMapping(Node node, String where) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, where, "expected a mapping (name: value lines), found " + describe(node));
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = text(tuple.getKeyNode(), where);
            if (entries.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), where, quote(key) + " is given twice");
            }
        }
        return entries;
    }

    List<Node> sequence(Node node, String where) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, where, "expected a list (lines starting with \"- \"), found " + describe(node));
        }
        return sequence.getValue();
    }

    /** A scalar's text, whatever it looks like (202 is "202"); null and empty are refused. */
    String text(Node node, String where) {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL) || scalar.getValue().isEmpty()) {
            throw error(node, where, "expected a text, found " + describe(node));
        }
        return scalar.getValue();
    }

    int integer(Node node, String where, int min) {
        Object value = node instanceof ScalarNode ? value(node) : null;
        if (!(value instanceof Integer number) || number < min) {
            throw error(node, where, "expected a whole number of at least " + min + ", found " + describe(node));
        }
        return number;
    }

    boolean bool(Node node, String where) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.BOOL)) {
            throw error(node, where, "expected true or false, found " + describe(node));
        }
        return (Boolean) value(node);
    }

    /** A scalar exactly as written (202 is "202"), or null for nothing. */
    String scalarText(Node node) {
        ScalarNode scalar = (ScalarNode) node;
        return scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue();
    }

    boolean isScalar(Node node) {
        return node instanceof ScalarNode;
    }

    boolean isMapping(Node node) {
        return node instanceof MappingNode;
    }

    /** As Java: text, Integer, Long or BigInteger, BigDecimal, Boolean, null, and lists and maps of them. */
    Object value(Node node) {
        if (node instanceof MappingNode mapping) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                map.put(text(tuple.getKeyNode(), "a key"), value(tuple.getValueNode()));
            }
            return map;
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            sequence.getValue().forEach(item -> list.add(value(item)));
            return list;
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
        }
        if (tag.equals(Tag.INT)) {
            // The smallest fitting type, as Jackson reads JSON numbers: routes' beans take int parameters.
            BigInteger number = integerValue(text);
            return number.bitLength() < 32 ? (Object) number.intValue()
                    : number.bitLength() < 64 ? (Object) number.longValue() : number;
        }
        if (tag.equals(Tag.FLOAT)) {
            return floatValue(text);
        }
        return text;
    }

    /** As JSON, numbers exact: what expectations compare with. */
    JsonNode json(Node node) {
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JSON.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                object.set(text(tuple.getKeyNode(), "a key"), json(tuple.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JSON.arrayNode();
            sequence.getValue().forEach(item -> array.add(json(item)));
            return array;
        }
        Object value = value(node);
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof BigInteger i) {
            return JSON.numberNode(i);
        }
        if (value instanceof BigDecimal d) {
            return JSON.numberNode(d);
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        return JSON.textNode((String) value);
    }

    private static BigInteger integerValue(String text) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.startsWith("0x")) {
            return new BigInteger(digits.substring(2), 16);
        }
        if (digits.startsWith("0o")) {
            return new BigInteger(digits.substring(2), 8);
        }
        return new BigInteger(digits);
    }

    private static Object floatValue(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        return new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
    }

    private String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        if (scalar.getTag().equals(Tag.NULL)) {
            return "nothing";
        }
        return scalar.getValue().isEmpty() ? "an empty text" : quote(scalar.getValue());
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
