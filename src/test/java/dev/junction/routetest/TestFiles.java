package dev.junction.routetest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The test files of a directory ({@code *.test.yaml}, by name), all of them or the ones named: {@code order-intake}
 * or {@code order-intake.test.yaml}, several separated by commas.
 */
public final class TestFiles {

    public static final String SUFFIX = ".test.yaml";

    private final Path dir;

    public TestFiles(Path dir) {
        this.dir = dir;
    }

    public List<Path> select(Optional<String> names) {
        List<Path> all = all();
        if (names.isEmpty() || names.get().isBlank()) {
            return all;
        }
        List<Path> selected = new ArrayList<>();
        for (String name : names.get().split(",")) {
            String wanted = name.strip().endsWith(SUFFIX) ? name.strip() : name.strip() + SUFFIX;
            Path file = all.stream().filter(f -> f.getFileName().toString().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No route test file " + wanted + " in " + dir
                            + "; there are: " + String.join(", ", all.stream()
                                    .map(f -> f.getFileName().toString()).toList())));
            if (!selected.contains(file)) {
                selected.add(file);
            }
        }
        return selected;
    }

    /** A directory that is not there fails, rather than passing with no tests at all. */
    private List<Path> all() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("No route test directory " + dir.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
