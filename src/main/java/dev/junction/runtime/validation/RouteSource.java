package dev.junction.runtime.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;

/**
 * The text of one route file as read at one moment. Routes are loaded from this text, never from the file again, so
 * what was validated is exactly what runs even if the file changes in between.
 *
 * @param name the file as users name it, relative to the working directory where possible ({@code routes/x.yaml})
 * @param content the YAML text
 */
public record RouteSource(String name, String content) {

    public static RouteSource read(Path file) {
        try {
            return new RouteSource(displayName(file), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read route file " + file, e);
        }
    }

    /**
     * A route file, or every {@code *.yaml} directly in a directory (as Junction loads them), sorted by name: what
     * the command-line route checks take as an argument.
     */
    public static List<RouteSource> readAll(Path fileOrDirectory) throws IOException {
        if (!Files.isDirectory(fileOrDirectory)) {
            return List.of(read(fileOrDirectory));
        }
        try (Stream<Path> files = Files.list(fileOrDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted()
                    .map(RouteSource::read).toList();
        }
    }

    /** Camel's location for it: routes loaded from this source report it as their source location. */
    public String location() {
        return name.startsWith("classpath:") ? name : "file:" + name;
    }

    public Resource resource() {
        return ResourceHelper.fromString(location(), content);
    }

    public static String displayName(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path workingDir = Path.of("").toAbsolutePath();
        return (absolute.startsWith(workingDir) ? workingDir.relativize(absolute) : absolute).toString();
    }
}
