package dev.junction.runtime.reload;

import java.util.List;

import dev.junction.runtime.validation.RouteProblem;

/** Route files Junction refuses to start with; the message lists every problem, one {@code file:line:} each. */
public class InvalidRouteFilesException extends RuntimeException {

    public InvalidRouteFilesException(List<RouteProblem> problems) {
        super("Route files are invalid, Junction does not start:\n  " + String.join("\n  ",
                problems.stream().map(RouteProblem::toString).toList()));
    }
}
