package dev.junction.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.junction.testing.FreePorts;

/**
 * One Junction, the packaged jar (target/quarkus-app/quarkus-run.jar) in a JVM of its own, run from the project
 * directory (its routes/ and config/) with the prod profile, on a free loopback port; its output goes to a log file.
 */
final class JunctionProcess implements AutoCloseable {

    /** The intake client's key ScaleOutIT configures (as its SHA-256 hash). */
    static final String INTAKE_KEY = "scale-out-intake-key";

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private JunctionProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** @param properties -D system properties, over config/application.properties */
    static JunctionProcess start(String name, Path workDir, Map<String, String> properties) {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR + " is missing: this test runs the packaged application (mvn verify runs it"
                    + " after package)");
        }
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Dquarkus.http.port=" + port));
        // For profiling a run: e.g. -Djunction.it.jvm-options=-XX:StartFlightRecording=filename=target/it.jfr
        String jvmOptions = System.getProperty("junction.it.jvm-options", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value.replace("${port}",
                String.valueOf(port))));
        command.addAll(List.of("-jar", JAR.toString()));
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // What the machine's environment says about Kafka or the database must not win over this test's services.
        builder.environment().keySet().removeIf(key -> key.startsWith("KAFKA_") || key.startsWith("QUARKUS_")
                || key.startsWith("JUNCTION_") || key.startsWith("INVENTORY"));
        try {
            return new JunctionProcess(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Ready as its readiness probe sees it; fails at once, with its log, if the process has died. */
    boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + "; its log:\n" + tail());
        }
        try {
            return get("/q/health/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(baseUri() + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/plain").GET().build());
    }

    HttpResponse<String> get(String path, String apiKey) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(baseUri() + path)).timeout(Duration.ofSeconds(10))
                .header("X-API-Key", apiKey).GET().build());
    }

    HttpResponse<String> postJson(String path, String body) throws IOException {
        return postJson(path, body, INTAKE_KEY);
    }

    HttpResponse<String> postJson(String path, String body, String apiKey) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(baseUri() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Waits for the process to end on its own; its exit code. */
    int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs after " + atMost + "; its log:\n" + tail());
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** The value of one series at /q/metrics (the first whose labels contain the fragment), 0 when absent. */
    double metric(String name, String labelFragment) throws IOException {
        return get("/q/metrics").body().lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> line.contains(labelFragment))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElse(0);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, no offset commit; as a node failure or an OOM kill. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
