package dev.junction.runtime.validation;

/**
 * One thing wrong with a route file, where an editor or a CI log can jump to it: {@code file:line: message}.
 *
 * @param file the route file as the user names it (e.g. {@code routes/order-intake.yaml})
 * @param line 1-based line, 0 when the problem is the file as a whole
 * @param message what is wrong, and where it helps, what would be right
 * @param warning true when it may be fine after all (the validator could not see everything); never stops a load
 */
public record RouteProblem(String file, int line, String message, boolean warning) {

    public RouteProblem(String file, int line, String message) {
        this(file, line, message, false);
    }

    public static RouteProblem warning(String file, int line, String message) {
        return new RouteProblem(file, line, message, true);
    }

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return where + ": " + (warning ? "warning: " : "") + message;
    }
}
