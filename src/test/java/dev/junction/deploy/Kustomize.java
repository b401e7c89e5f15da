package dev.junction.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a Kustomize directory the way {@code kubectl apply -k} would, with the kustomize built into kubectl (or a
 * standalone kustomize). No cluster is needed. Without either tool the tests fail, saying how to get one: a
 * deployment nobody rendered is not a tested one.
 */
final class Kustomize {

    private Kustomize() {
    }

    /** The oldest kubectl whose built-in Kustomize (v4.1) knows the fields the overlays use (labels, patches). */
    static final int MIN_KUBECTL_MINOR = 22;

    private static final Pattern MINOR = Pattern.compile("\"minor\"\\s*:\\s*\"(\\d+)");

    static String render(Path dir) {
        return run(command(dir));
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "):\n" + stderr.join());
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private static List<String> command(Path dir) {
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return List.of(kustomize.get().toString(), "build", dir.toString());
        }
        Path kubectl = onPath("kubectl").orElseThrow(() -> new AssertionError("Rendering the Kubernetes manifests"
                + " needs kubectl 1." + MIN_KUBECTL_MINOR + " or later (its built-in Kustomize) or kustomize 4.1 or"
                + " later on the PATH, and neither was found."));
        String version = run(List.of(kubectl.toString(), "version", "--client", "-o", "json"));
        Matcher minor = MINOR.matcher(version);
        if (minor.find() && Integer.parseInt(minor.group(1)) < MIN_KUBECTL_MINOR) {
            throw new AssertionError(kubectl + " is kubectl 1." + minor.group(1) + ": its built-in Kustomize is too"
                    + " old for the overlays (labels, patches). Put kubectl 1." + MIN_KUBECTL_MINOR + " or later, or"
                    + " kustomize 4.1 or later, on the PATH (Debian bookworm's kubernetes-client is 1.20).");
        }
        return List.of(kubectl.toString(), "kustomize", dir.toString());
    }

    private static Optional<Path> onPath(String executable) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, executable)).filter(Files::isExecutable).findFirst();
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
