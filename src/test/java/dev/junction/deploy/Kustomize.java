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
import java.util.stream.Stream;

/**
 * Renders a Kustomize directory the way {@code kubectl apply -k} would, with the kustomize built into kubectl (or a
 * standalone kustomize). No cluster is needed. Without either tool the tests fail, saying how to get one: a
 * deployment nobody rendered is not a tested one.
 */
final class Kustomize {

    private Kustomize() {
    }

    static String render(Path dir) {
        List<String> command = command(dir);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + stderr.join());
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while rendering " + dir, e);
        }
    }

    private static List<String> command(Path dir) {
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return List.of(kustomize.get().toString(), "build", dir.toString());
        }
        return onPath("kubectl").map(kubectl -> List.of(kubectl.toString(), "kustomize", dir.toString()))
                .orElseThrow(() -> new AssertionError("Rendering the Kubernetes manifests needs kubectl (its built-in"
                        + " kustomize) or kustomize on the PATH, and neither was found. Install one, e.g. on Debian:"
                        + " apt-get install kubernetes-client (.ci/run does this when kubectl is missing)."));
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
