package dev.junction.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.smallrye.config.WithName;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against what exists: every key of Junction's own ({@code junction.*}) and of the sample
 * integrations that config/application.properties sets or the code reads is documented there, one key per row, and
 * every key documented there is set or read; every {@code junction.*} key the README and the docs mention is in the
 * reference. Plain files, no Quarkus: what the code reads is found in its text ({@code @ConfigProperty}, key
 * constants, {@code {{placeholders}}} in Java and route files) and, for {@code @ConfigMapping} interfaces, by
 * reflection on their methods.
 */
class ConfigurationReferenceTest {

    static final Path REFERENCE = Path.of("docs/configuration.md");
    /** Runtime configuration, and the build-time file beside the code (which holds no Junction key today). */
    static final List<Path> PROPERTIES = List.of(Path.of("config/application.properties"),
            Path.of("src/main/resources/application.properties"));
    static final Path JAVA = Path.of("src/main/java");
    static final Path ROUTES = Path.of("routes");

    /** The key families the reference must cover: Junction's own, then the sample integrations'. */
    static final List<String> OWN = List.of("junction.", "orders.", "fulfilment.", "inventory.", "inventory-sync.",
            "catalog-import.");

    /** Strings that look like junction.* keys, in the code or the docs, but are not configuration. */
    static final Map<String, String> NOT_CONFIGURATION = Map.of(
            "junction.version", "the build's version, a property of junction-build.properties (GET /api/ops/about)",
            "junction.authenticated-by", "an attribute of the security identity",
            "junction.error.", "the prefix of the failure headers the failureHeaders processor sets",
            "junction.http.tls", "the name of the configuration source HttpsListener adds",
            "junction.route-tests", "the test suite's choice of route test files (-Djunction.route-tests=...)");

    static final Pattern PROFILE = Pattern.compile("^%[\\w,-]+\\.");
    static final Pattern TABLE_ROW_KEY = Pattern.compile("^\\|\\s*`([^`]+)`([^|]*)\\|");
    static final Pattern JAVA_KEY_LITERAL = Pattern.compile("(builder\\(\\s*)?\"(junction\\.[a-z0-9.-]*[a-z0-9.-])\"");
    static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z][a-z0-9.-]*[a-z0-9])(?::[^}]*)?}}");
    static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /**
     * A junction.* key in prose: not part of a package name (dev.junction.x) or a file name (data/junction.mv.db), and
     * -Djunction.x counts.
     */
    static final Pattern MENTION = Pattern.compile(
            "(?<![a-z0-9_./])junction\\.[a-z0-9-]+(?:\\.(?:[a-z0-9-]+|<[a-z-]+>|\\*))*");

    @Test
    void everyKeyThatExistsIsDocumented() throws IOException {
        List<String> documented = documentedKeys();
        Map<String, String> undocumented = new TreeMap<>();
        propertyKeys().forEach((key, where) -> {
            if (!documents(documented, key)) {
                undocumented.put(key, where);
            }
        });
        codeKeys().forEach((key, where) -> {
            if (!documents(documented, key)) {
                undocumented.putIfAbsent(key, where);
            }
        });
        assertThat(undocumented)
                .as("Keys set in the properties files or read by the code that " + REFERENCE + " does not list (key"
                        + " = where it was found); add a row for each, or, if it is not configuration, a line to"
                        + " NOT_CONFIGURATION saying what it is")
                .isEmpty();
    }

    @Test
    void everyDocumentedKeyExists() throws IOException {
        List<String> existing = new ArrayList<>(propertyKeys().keySet());
        existing.addAll(codeKeys().keySet());
        List<String> unknown = documentedKeys().stream()
                .filter(documentedKey -> existing.stream().noneMatch(key -> documents(List.of(documentedKey), key)))
                .toList();
        assertThat(unknown)
                .as(REFERENCE + " lists keys that no properties file sets and no code reads")
                .isEmpty();
    }

    @Test
    void everyJunctionKeyTheDocsMentionIsInTheReference() throws IOException {
        List<String> documented = documentedKeys();
        Map<String, String> unknown = new TreeMap<>();
        for (Path page : markdownPages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher mention = MENTION.matcher(lines.get(i));
                while (mention.find()) {
                    String key = mention.group();
                    if (!notConfiguration(key) && !mentionIsDocumented(documented, key)) {
                        unknown.putIfAbsent(key, page + ":" + (i + 1));
                    }
                }
            }
        }
        assertThat(unknown)
                .as("junction.* keys mentioned in README.md or docs/ that " + REFERENCE + " does not list (key ="
                        + " where)")
                .isEmpty();
    }

    @Test
    void theReferenceListsOneKeyPerRow() throws IOException {
        List<String> rows = Files.readAllLines(REFERENCE).stream()
                .map(TABLE_ROW_KEY::matcher)
                .filter(Matcher::find)
                .filter(row -> own(row.group(1)) && !row.group(2).isBlank())
                .map(Matcher::group)
                .toList();
        assertThat(rows).as("Rows of " + REFERENCE + " whose first cell names more than one key").isEmpty();
    }

    /** The first cell of every table row, where it is one of our keys; {@code <name>} stands for any name. */
    static List<String> documentedKeys() throws IOException {
        List<String> keys = Files.readAllLines(REFERENCE).stream()
                .map(TABLE_ROW_KEY::matcher)
                .filter(Matcher::find)
                .map(row -> row.group(1))
                .filter(ConfigurationReferenceTest::own)
                .toList();
        assertThat(keys).as("Keys in the tables of " + REFERENCE).isNotEmpty();
        return keys;
    }

    /** Keys of ours the properties files set, profile prefixes stripped, with the file they are in. */
    static Map<String, String> propertyKeys() throws IOException {
        Map<String, String> keys = new TreeMap<>();
        for (Path file : PROPERTIES) {
            if (!Files.exists(file)) {
                continue;
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            for (String name : properties.stringPropertyNames()) {
                String key = PROFILE.matcher(name).replaceFirst("");
                if (own(key)) {
                    keys.putIfAbsent(key, file.toString());
                }
            }
        }
        return keys;
    }

    /**
     * Keys of ours the code reads, with the file that reads them: junction.* string literals (a literal ending in a
     * dot is the start of a map-style key), {@code @ConfigProperty} names, {@code {{placeholders}}} in Java and in
     * route files (comments left out), and the keys of {@code @ConfigMapping} interfaces, map entries as {@code *}.
     */
    static Map<String, String> codeKeys() throws IOException {
        Map<String, String> keys = new TreeMap<>();
        List<String> mappingPrefixes = new ArrayList<>();
        for (Path file : files(JAVA, ".java")) {
            String source = Files.readString(file);
            Matcher mapping = CONFIG_MAPPING.matcher(source);
            while (mapping.find()) {
                mappingPrefixes.add(mapping.group(1));
                mappedKeys(file, source, mapping.group(1)).forEach(key -> keys.putIfAbsent(key, file.toString()));
            }
            Matcher property = CONFIG_PROPERTY.matcher(source);
            while (property.find()) {
                if (own(property.group(1))) {
                    keys.putIfAbsent(property.group(1), file.toString());
                }
            }
            Matcher literal = JAVA_KEY_LITERAL.matcher(source);
            while (literal.find()) {
                // Counter.builder("junction.route.exchanges") and the like name meters, not keys.
                if (literal.group(1) == null) {
                    keys.putIfAbsent(literal.group(2), file.toString());
                }
            }
            placeholders(source).forEach(key -> keys.putIfAbsent(key, file.toString()));
        }
        for (Path file : files(ROUTES, ".yaml")) {
            String withoutComments = String.join("\n", Files.readAllLines(file).stream()
                    .filter(line -> !line.strip().startsWith("#"))
                    .toList());
            placeholders(withoutComments).forEach(key -> keys.putIfAbsent(key, file.toString()));
        }
        keys.keySet().removeIf(key -> mappingPrefixes.contains(key) || notConfiguration(key));
        return keys;
    }

    static List<String> placeholders(String text) {
        List<String> keys = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (own(placeholder.group(1))) {
                keys.add(placeholder.group(1));
            }
        }
        return keys;
    }

    /** The keys a {@code @ConfigMapping} interface reads, by reflection: SmallRye's kebab-case names. */
    static List<String> mappedKeys(Path file, String source, String prefix) {
        Matcher pkg = PACKAGE.matcher(source);
        assertThat(pkg.find()).as("package of " + file).isTrue();
        String name = pkg.group(1) + "." + file.getFileName().toString().replace(".java", "");
        try {
            List<String> keys = new ArrayList<>();
            group(Class.forName(name), prefix, keys);
            return keys;
        } catch (ClassNotFoundException e) {
            throw new AssertionError("@ConfigMapping interface " + name + " is not on the test class path", e);
        }
    }

    static void group(Class<?> type, String prefix, List<String> keys) {
        for (Method method : type.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String key = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Type returned = method.getGenericReturnType();
            if (method.getReturnType() == Map.class && returned instanceof ParameterizedType map) {
                Type value = map.getActualTypeArguments()[1];
                if (value instanceof Class<?> valueType && group(valueType)) {
                    group(valueType, key + ".*", keys);
                } else {
                    keys.add(key + ".*");
                }
            } else if (group(method.getReturnType())) {
                group(method.getReturnType(), key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** A nested configuration group: an interface of the application, not a JDK type. */
    static boolean group(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /**
     * Whether one of the documented keys covers this key: the same, with {@code <name>} (documented) and {@code *}
     * (a map entry read by a mapping) standing for any one segment; a key ending in a dot (a literal the code appends
     * a name to) is covered by any documented key that starts with it.
     */
    static boolean documents(List<String> documented, String key) {
        if (key.endsWith(".")) {
            return documented.stream().anyMatch(d -> d.startsWith(key));
        }
        String[] segments = key.split("\\.");
        return documented.stream().map(d -> d.split("\\.")).anyMatch(d -> sameShape(d, segments));
    }

    static boolean sameShape(String[] documented, String[] key) {
        if (documented.length != key.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            boolean any = documented[i].startsWith("<") || key[i].equals("*") || key[i].startsWith("<");
            if (!any && !documented[i].equals(key[i])) {
                return false;
            }
        }
        return true;
    }

    /** A key mentioned in prose; {@code junction.x.*} means some key under {@code junction.x.}. */
    static boolean mentionIsDocumented(List<String> documented, String key) {
        if (key.endsWith(".*")) {
            return documents(documented, key.substring(0, key.length() - 1));
        }
        return documents(documented, key);
    }

    static boolean notConfiguration(String key) {
        return NOT_CONFIGURATION.keySet().stream()
                .anyMatch(name -> key.equals(name) || name.endsWith(".") && key.startsWith(name));
    }

    static boolean own(String key) {
        return OWN.stream().anyMatch(key::startsWith);
    }

    static List<Path> markdownPages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        pages.addAll(files(Path.of("docs"), ".md"));
        return pages;
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void theCheckFindsWhatItShould() {
        List<String> documented = List.of("junction.auth.api-keys.<client>.hashes",
                "junction.slo.routes.<route-id>.latency", "junction.routes.dir");
        assertThat(documents(documented, "junction.auth.api-keys.devintake.hashes")).isTrue();
        assertThat(documents(documented, "junction.auth.api-keys.*.hashes")).isTrue();
        assertThat(documents(documented, "junction.slo.routes.")).isTrue();
        assertThat(documents(documented, "junction.auth.api-keys.devintake.roles")).isFalse();
        assertThat(documents(documented, "junction.routes.dirs")).isFalse();
        assertThat(kebab("replicaRequestsPerSecond")).isEqualTo("replica-requests-per-second");
        assertThat(new TreeSet<>(mentions("`-Djunction.embedded=true`, dev.junction.slo, `junction.dead-letter.*`,"
                + " ./data/junction.mv.db"))).containsExactly("junction.dead-letter.*", "junction.embedded");
    }

    @Test
    void theScanSeesMappingsLiteralsAndPlaceholders() throws IOException {
        assertThat(codeKeys()).containsKeys(
                "junction.load-shedding.unauthenticated.max-in-flight", // a nested @ConfigMapping group
                "junction.auth.api-keys.*.roles", // a map of groups
                "junction.dead-letter.encryption.keys.", // a literal the code appends a key id to
                "junction.dead-letter.purge-interval-ms", // a placeholder in a Java route
                "orders.topic.express") // a placeholder in a route file
                .doesNotContainKeys("junction.route.exchanges", "junction.version", "junction.auth");
        assertThat(propertyKeys())
                .containsKeys("junction.routes.reload.enabled", "junction.auth.api-keys.devintake.hashes");
    }

    static List<String> mentions(String text) {
        List<String> found = new ArrayList<>();
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            found.add(mention.group());
        }
        return found;
    }
}
