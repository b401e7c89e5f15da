package dev.junction.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made for one test run with the JDK's keytool (nothing checked in, nothing to install), and
 * the server certificates it signs: what a cluster's CA (cert-manager, a company PKI) hands a service, as the PEM files
 * of a Kubernetes TLS Secret ({@code tls.crt}, {@code tls.key}, {@code ca.crt}). Clients trust the CA only, so a test
 * also proves host name verification: a certificate is valid for the names it is issued for, nothing else. For a
 * server configured by hand without a CA, {@link #selfSigned} makes its key store and its clients' truststore.
 */
public final class CertificateAuthority {

    private static final String CA_ALIAS = "ca";

    private final Path dir;
    private final String password = "ca-pw-" + UUID.randomUUID();
    private final Path keyStore;
    private final Path certificate;

    private CertificateAuthority(Path dir, String name) {
        this.dir = dir;
        this.keyStore = dir.resolve(name + "-ca.p12");
        this.certificate = dir.resolve(name + "-ca.crt");
    }

    /** A new CA (its key pair in a PKCS#12 store, its certificate as PEM) in dir, named CN=name. */
    public static CertificateAuthority create(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        CertificateAuthority ca = new CertificateAuthority(dir, name);
        keytool("-genkeypair", "-alias", CA_ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "bc:c", "-ext", "KU=keyCertSign,cRLSign",
                "-storetype", "PKCS12", "-keystore", ca.keyStore.toString(), "-storepass", ca.password);
        keytool("-exportcert", "-alias", CA_ALIAS, "-rfc", "-file", ca.certificate.toString(),
                "-keystore", ca.keyStore.toString(), "-storepass", ca.password);
        return ca;
    }

    /** The CA's certificate, PEM: what clients are given to trust (a Secret's ca.crt). */
    public Path certificate() {
        return certificate;
    }

    /**
     * A server certificate signed by this CA for CN=localhost and these subject alternative names (keytool's syntax:
     * dns:localhost, ip:127.0.0.1), as PEM files name.crt and name.key (PKCS#8, unencrypted, readable by the owner
     * only: PostgreSQL refuses a key file others can read).
     */
    public Issued issue(String name, String... subjectAlternativeNames) {
        Path serverStore = dir.resolve(name + ".p12");
        Path request = dir.resolve(name + ".csr");
        Path serverCertificate = dir.resolve(name + ".crt");
        Path serverKey = dir.resolve(name + ".key");
        String serverPassword = "server-pw-" + UUID.randomUUID();
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore", serverStore.toString(),
                "-storepass", serverPassword, "-keypass", serverPassword);
        keytool("-certreq", "-alias", name, "-file", request.toString(), "-keystore", serverStore.toString(),
                "-storepass", serverPassword);
        keytool("-gencert", "-alias", CA_ALIAS, "-keystore", keyStore.toString(), "-storepass", password,
                "-infile", request.toString(), "-outfile", serverCertificate.toString(), "-rfc", "-validity", "2",
                "-ext", "SAN=" + String.join(",", subjectAlternativeNames),
                "-ext", "KU=digitalSignature,keyEncipherment", "-ext", "EKU=serverAuth");
        try {
            writePrivateKey(serverStore, name, serverPassword, serverKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not write the private key of " + name, e);
        }
        return new Issued(serverCertificate, serverKey);
    }

    /** A server certificate and its private key, PEM files. */
    public record Issued(Path certificate, Path key) {
    }

    /**
     * A self-signed key pair for CN=localhost, valid for localhost and 127.0.0.1 (the address clients connect to, so
     * host name verification passes), in the PKCS#12 store name.p12, and a truststore for clients holding only its
     * certificate (name-truststore.p12): what a server configured by hand, without a CA, has.
     */
    public static SelfSigned selfSigned(Path dir, String name, String keyStorePassword, String trustStorePassword) {
        Path keyStore = dir.resolve(name + ".p12");
        Path certificate = dir.resolve(name + ".crt");
        Path trustStore = dir.resolve(name + "-truststore.p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", keyStorePassword, "-keypass", keyStorePassword);
        keytool("-exportcert", "-alias", name, "-rfc", "-file", certificate.toString(),
                "-keystore", keyStore.toString(), "-storepass", keyStorePassword);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", trustStorePassword);
        return new SelfSigned(keyStore, trustStore);
    }

    /** A server's PKCS#12 key store and its clients' PKCS#12 truststore. */
    public record SelfSigned(Path keyStore, Path trustStore) {
    }

    // keytool exports certificates, never private keys: read the key from the store and write it as PKCS#8 PEM.
    private static void writePrivateKey(Path store, String alias, String storePassword, Path target)
            throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, storePassword.toCharArray());
        }
        Key key = keys.getKey(alias, storePassword.toCharArray());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.deleteIfExists(target);
        Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(target, pem, StandardCharsets.US_ASCII);
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
