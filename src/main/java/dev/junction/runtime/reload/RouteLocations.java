package dev.junction.runtime.reload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.main.DefaultRoutesCollector;
import org.apache.camel.spi.Resource;

import dev.junction.runtime.validation.RouteSource;

/**
 * Where Junction's YAML route files are: every {@code *.yaml} in {@code junction.routes.dir}, and the YAML files
 * Camel's own {@code camel.main.routes-include-pattern} names ({@code file:} and {@code classpath:}, minus
 * {@code camel.main.routes-exclude-pattern}), resolved by Camel itself so the patterns mean what they mean in plain
 * Camel. Read afresh at each call: a file that appeared matches, one deleted is gone.
 */
record RouteLocations(Path dir, String includes, String excludes) {

    /** The route files now, by name; a file the routes directory and a pattern both name is read once. */
    Map<String, RouteSource> read(CamelContext camel) {
        Map<String, RouteSource> files = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                entries.filter(file -> file.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(file))
                        .sorted().map(RouteSource::read).forEach(source -> files.put(source.name(), source));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list route files in " + dir, e);
            }
        }
        if (includes != null && !includes.isBlank()) {
            new DefaultRoutesCollector().findRouteResourcesFromDirectory(camel, excludes, includes).stream()
                    .filter(resource -> YamlRoutesHandover.isYaml(resource.getLocation()))
                    .map(RouteLocations::read)
                    .sorted((a, b) -> a.name().compareTo(b.name()))
                    .forEach(source -> files.putIfAbsent(source.name(), source));
        }
        return files;
    }

    String describe() {
        return dir + (includes == null || includes.isBlank() ? "" : " and " + includes);
    }

    private static RouteSource read(Resource resource) {
        String location = resource.getLocation();
        String name = location.startsWith("file:")
                ? RouteSource.displayName(Path.of(location.substring("file:".length()))) : location;
        try (InputStream in = resource.getInputStream()) {
            return new RouteSource(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read route file " + location, e);
        }
    }
}
