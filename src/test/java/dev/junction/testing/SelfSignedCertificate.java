package dev.junction.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A self-signed server certificate for localhost, made with the JDK's keytool when the test starts (nothing
 * checked in), and the HTTPS configuration that uses it: a PKCS#12 key store, served on a free port.
 */
public class SelfSignedCertificate implements QuarkusTestResourceLifecycleManager {

    public static final Path KEY_STORE = Path.of("target/tls/junction-test.p12");
    public static final String PASSWORD = "changeit-" + ProcessHandle.current().pid();

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(KEY_STORE.getParent());
            Files.deleteIfExists(KEY_STORE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        keytool("-genkeypair", "-alias", "junction", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", KEY_STORE.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        return Map.of("quarkus.http.ssl.certificate.key-store-file", KEY_STORE.toAbsolutePath().toString(),
                "quarkus.http.ssl.certificate.key-store-password", PASSWORD,
                "quarkus.http.test-ssl-port", "0");
    }

    @Override
    public void stop() {
    }

    /** Runs the JDK's keytool with these arguments, failing with its output when it fails. */
    public static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
