package dev.junction.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts later (a Junction process, a broker, a database).
 *
 * <p>A port the OS hands out for {@code bind(0)} lies in the ephemeral range, which is also where every outgoing
 * connection takes its local port: between choosing the port and the server binding it, a Kafka client or HTTP call
 * can take it (CI saw a Junction replica fail with "Port … in use" that way). So ports come from below the ephemeral
 * range (Linux's default starts at 32768), where the OS never assigns local ports by itself.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int BELOW = 32_768;

    /** Ports handed out in this JVM; the randomly chosen port must not repeat before its server has bound it. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port between " + LOWEST + " and " + BELOW);
    }

    public static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
