package dev.junction.runtime.nativeimage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Camel components and Camel Quarkus extensions a class path has. A component is found the way Camel resolves
 * one ({@code META-INF/services/org/apache/camel/component/<scheme>}), and named by the jar that holds it
 * ({@code camel-kafka-4.17.0.jar}, or {@code org.apache.camel.camel-kafka-4.17.0.jar} in a Quarkus application's lib);
 * an extension by the {@code META-INF/quarkus-extension.properties} its runtime jar carries.
 */
final class CamelExtensions {

    private static final String SERVICES = "META-INF/services/org/apache/camel/";
    private static final String COMPONENTS = SERVICES + "component/";
    private static final Pattern COMPONENT_JAR = Pattern.compile("(?:^|\\.)(camel-[a-z0-9-]+?)-\\d[^/]*\\.jar$");
    private static final Pattern EXTENSION_JAR = Pattern
            .compile("(?:^|\\.)(camel-quarkus-[a-z0-9-]+?)-\\d[^/]*\\.jar$");

    private final ClassLoader classLoader;

    CamelExtensions(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * The artifact of the component with this scheme: empty when no component has it, {@code ?} + where it was found
     * when that is not a Camel component jar.
     */
    Optional<String> componentArtifact(String scheme) {
        URL descriptor = classLoader.getResource(COMPONENTS + scheme);
        if (descriptor == null) {
            return Optional.empty();
        }
        return Optional.of(jarArtifact(descriptor, COMPONENT_JAR).orElse("?" + descriptor));
    }

    /**
     * The classes Camel instantiates by name to use the component with this scheme: the component's, and its
     * configurers' and endpoint URI factory's, as its service descriptors name them.
     */
    Set<String> componentClasses(String scheme) {
        Set<String> classes = new TreeSet<>();
        for (String descriptor : List.of(COMPONENTS + scheme, SERVICES + "configurer/" + scheme + "-component",
                SERVICES + "configurer/" + scheme + "-endpoint", SERVICES + "urifactory/" + scheme + "-endpoint")) {
            try (InputStream in = classLoader.getResourceAsStream(descriptor)) {
                if (in != null) {
                    Properties service = new Properties();
                    service.load(in);
                    Optional.ofNullable(service.getProperty("class")).map(String::strip).ifPresent(classes::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + descriptor, e);
            }
        }
        return classes;
    }

    /** The Camel Quarkus extensions present, e.g. {@code camel-quarkus-kafka}. */
    Set<String> extensions() {
        Set<String> extensions = new TreeSet<>();
        try {
            for (URL descriptor : Collections.list(classLoader.getResources("META-INF/quarkus-extension.properties"))) {
                jarArtifact(descriptor, EXTENSION_JAR).ifPresent(extensions::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the Quarkus extensions on the class path", e);
        }
        return extensions;
    }

    private static Optional<String> jarArtifact(URL resource, Pattern artifact) {
        String location = resource.toString();
        int bang = location.indexOf("!/");
        if (!location.startsWith("jar:") || bang < 0) {
            return Optional.empty();
        }
        String jar = location.substring(0, bang);
        Matcher matcher = artifact.matcher(jar.substring(jar.lastIndexOf('/') + 1));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
