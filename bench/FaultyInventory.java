import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An inventory service that fails on purpose, for bench/faults.sh: POST /reservations answers like Junction's
 * stand-in (201 {"reservationId":"R-<Idempotency-Key>"}), except that every 10th call answers 500 without reserving
 * and every 100th call reserves but answers only after SLOW_MS (past Junction's response timeout, so Junction sees a
 * timeout for a reservation that was made). Deterministic: the faults follow the call count, not chance.
 * GET /stats prints the counts, and how many idempotency keys were reserved more than once (Junction retrying a line
 * whose answer it never got: the key makes that one reservation, never two).
 * java bench/FaultyInventory.java PORT SLOW_MS
 */
public class FaultyInventory {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong slow = new AtomicLong();
    private final Map<String, AtomicLong> reservations = new ConcurrentHashMap<>();
    private final long slowMs;

    FaultyInventory(long slowMs) {
        this.slowMs = slowMs;
    }

    public static void main(String[] args) throws IOException {
        FaultyInventory inventory = new FaultyInventory(Long.parseLong(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 200);
        server.createContext("/reservations", inventory::reserve);
        server.createContext("/stats", inventory::stats);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    private void reserve(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        long call = calls.incrementAndGet();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (call % 100 == 0) {
            slow.incrementAndGet();
            reservations.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
            sleep();
            answer(exchange, 201, "{\"reservationId\":\"R-" + key + "\"}");
        } else if (call % 10 == 0) {
            failed.incrementAndGet();
            answer(exchange, 500, "{\"title\":\"Internal Server Error\",\"status\":500}");
        } else {
            reservations.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
            answer(exchange, 201, "{\"reservationId\":\"R-" + key + "\"}");
        }
    }

    private void stats(HttpExchange exchange) throws IOException {
        long repeated = reservations.values().stream().filter(count -> count.get() > 1).count();
        answer(exchange, 200, "calls=" + calls.get() + " failed500=" + failed.get() + " slow=" + slow.get()
                + " keys=" + reservations.size() + " keysReservedAgain=" + repeated + "\n");
    }

    private void sleep() {
        try {
            Thread.sleep(slowMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the caller gave up (timeout) before the late answer: that is the fault being injected
        } finally {
            exchange.close();
        }
    }
}
