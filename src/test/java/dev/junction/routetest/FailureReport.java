package dev.junction.routetest;

import java.util.List;
import java.util.stream.Collectors;

import org.opentest4j.AssertionFailedError;

/**
 * Turns a case's mismatches into one test failure: each mismatch on its own lines, and expected and actual values an
 * IDE can show side by side.
 */
final class FailureReport {

    private FailureReport() {
    }

    static void assertNone(List<Mismatch> mismatches) {
        if (mismatches.isEmpty()) {
            return;
        }
        Throwable cause = mismatches.stream().map(Mismatch::cause).filter(c -> c != null).findFirst().orElse(null);
        if (mismatches.size() == 1) {
            Mismatch only = mismatches.get(0);
            throw new AssertionFailedError(only.text(), only.expected(), only.actual(), cause);
        }
        String message = mismatches.size() + " expectations failed:\n" + mismatches.stream()
                .map(m -> "- " + m.text().replace("\n", "\n  ")).collect(Collectors.joining("\n"));
        String expected = mismatches.stream().map(m -> m.subject() + ": " + m.expected())
                .collect(Collectors.joining("\n"));
        String actual = mismatches.stream().map(m -> m.subject() + ": " + m.actual())
                .collect(Collectors.joining("\n"));
        throw new AssertionFailedError(message, expected, actual, cause);
    }
}
