import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop order load on POST /api/v1/orders for bench/faults.sh: RATE new orders per second for SECONDS, each
 * with a unique orderId (PREFIX-n), whatever the answers (a burst does not slow down because the server does).
 * At most MAX_IN_FLIGHT requests are outstanding; an order that finds no slot is not sent and counted as such.
 * Writes the ids answered 202 to ACCEPTED_FILE (the orders Junction now owns), the ids answered 503 "has been kept"
 * (the publish failed and the order is in the dead-letter store, Junction owns it too) to ACCEPTED_FILE.kept, and prints the answers by status
 * (0 = no answer: timeout or connection error), per second and in total. Extra request headers (an API key, ...)
 * come from BENCH_INTAKE_HEADERS, "Name: value" pairs separated by ';'.
 * java bench/IntakeLoad.java URL RATE SECONDS TIMEOUT_MS MAX_IN_FLIGHT PREFIX ACCEPTED_FILE
 */
public class IntakeLoad {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Duration timeout = Duration.ofMillis(Long.parseLong(args[3]));
        Semaphore slots = new Semaphore(Integer.parseInt(args[4]));
        String prefix = args[5];
        Path acceptedFile = Path.of(args[6]);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String[] headers = headers(System.getenv().getOrDefault("BENCH_INTAKE_HEADERS", ""));
        Map<Integer, AtomicLong> total = new ConcurrentHashMap<>();
        Map<Long, Map<Integer, AtomicLong>> perSecond = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> kept = new ConcurrentLinkedQueue<>();
        AtomicLong notSent = new AtomicLong();
        int count = rate * seconds;
        long start = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            long due = start + (i - 1) * 1_000_000_000L / rate;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long second = (System.nanoTime() - start) / 1_000_000_000L;
            if (!slots.tryAcquire()) {
                notSent.incrementAndGet();
                continue;
            }
            String orderId = prefix + "-" + i;
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(order(orderId, i)));
            if (headers.length > 0) {
                request.headers(headers);
            }
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, e) -> {
                int status = e == null ? response.statusCode() : 0;
                if (status == 202) {
                    accepted.add(orderId);
                } else if (status == 503 && response.body().contains("has been kept")) {
                    kept.add(orderId);
                }
                total.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                perSecond.computeIfAbsent(second, s -> new ConcurrentHashMap<>())
                        .computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                slots.release();
            });
        }
        slots.acquire(Integer.parseInt(args[4])); // every answer (or timeout) is in
        double elapsed = (System.nanoTime() - start) / 1e9;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(acceptedFile))) {
            accepted.forEach(out::println);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(acceptedFile + ".kept")))) {
            kept.forEach(out::println);
        }
        new TreeMap<>(perSecond).forEach((second, statuses) -> System.out.println("second=" + second + " "
                + format(statuses)));
        System.out.printf("total offered=%d notSent=%d %s kept=%d seconds=%.1f%n", count, notSent.get(),
                format(total), kept.size(), elapsed);
    }

    private static String format(Map<Integer, AtomicLong> statuses) {
        StringBuilder line = new StringBuilder();
        new TreeMap<>(statuses).forEach((status, n) -> line.append("s").append(status).append('=').append(n.get())
                .append(' '));
        return line.toString().trim();
    }

    /** About 1 KB: six lines; every third order express, every fifth international. */
    static String order(String orderId, int i) {
        String method = i % 3 == 0 ? "express" : "standard";
        String country = i % 5 == 0 ? "US" : "DE";
        StringBuilder lines = new StringBuilder();
        for (int line = 1; line <= 6; line++) {
            lines.append(line == 1 ? "" : ",").append("{\"sku\":\"SKU-").append(1000 + line)
                    .append("\",\"quantity\":").append(line).append(",\"unitPrice\":").append(line * 3).append(".99,")
                    .append("\"note\":\"gift wrap in recycled paper, leave at the side door if nobody answers, ring twice\"}");
        }
        return "{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-bench-" + (i % 97) + "\",\"currency\":\"EUR\","
                + "\"shipping\":{\"method\":\"" + method + "\",\"country\":\"" + country + "\"},"
                + "\"channel\":\"bench\",\"lines\":[" + lines + "]}";
    }

    private static String[] headers(String spec) throws IOException {
        return spec.isBlank() ? new String[0]
                : java.util.Arrays.stream(spec.split(";")).map(String::trim).filter(h -> !h.isEmpty())
                        .flatMap(h -> java.util.stream.Stream.of(h.substring(0, h.indexOf(':')).trim(),
                                h.substring(h.indexOf(':') + 1).trim()))
                        .toArray(String[]::new);
    }
}
