package dev.junction.runtime.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/** Whether something already listens on a loopback port, before an embedded service tries to take it. */
public final class LoopbackPort {

    private LoopbackPort() {
    }

    public static boolean inUse(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
