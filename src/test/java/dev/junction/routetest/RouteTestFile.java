package dev.junction.routetest;

import java.nio.file.Path;
import java.util.List;

/** One {@code *.test.yaml} file: its cases, in the order they are written. */
public record RouteTestFile(Path path, List<RouteTestCase> cases) {

    /** The file name, as test names show it. */
    public String name() {
        return path.getFileName().toString();
    }
}
