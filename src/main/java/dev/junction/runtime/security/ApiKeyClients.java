package dev.junction.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The configured API clients, found by the key a request presents. Keys are compared by their SHA-256 hash: the
 * configuration (and whoever reads it) never holds a usable key. Keys are random and long (see the README), so a fast
 * hash is enough; a password KDF would only slow every request down. Every configured hash is compared, in constant
 * time, so the time an answer takes does not tell which hash came close.
 */
@Singleton
public class ApiKeyClients {

    /** Two: the current key and the next one, while clients move over. */
    static final int MAX_KEYS_PER_CLIENT = 2;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Logger LOG = Logger.getLogger(ApiKeyClients.class);

    /** One client as configured. */
    public record Client(String name, Set<String> roles) {
    }

    private record Entry(byte[] hash, Client client) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public ApiKeyClients(ApiKeysConfig config) {
        config.apiKeys().forEach((name, client) -> {
            List<String> hashes = client.hashes().stream().map(String::trim).filter(h -> !h.isEmpty()).toList();
            if (hashes.isEmpty() || hashes.size() > MAX_KEYS_PER_CLIENT) {
                throw new IllegalStateException("junction.auth.api-keys." + name + ".hashes must list one or "
                        + MAX_KEYS_PER_CLIENT + " key hashes, not " + hashes.size());
            }
            Client resolved = new Client(name, Set.copyOf(client.roles()));
            for (String hash : hashes) {
                // A plain key pasted where its hash belongs would otherwise be a key nobody can use, silently.
                if (!SHA256_HEX.matcher(hash).matches()) {
                    throw new IllegalStateException("junction.auth.api-keys." + name + ".hashes: not a lowercase hex "
                            + "SHA-256 hash (64 characters 0-9a-f); configure printf %s \"$KEY\" | sha256sum, never the key");
                }
                entries.add(new Entry(HexFormat.of().parseHex(hash), resolved));
            }
        });
        if (entries.isEmpty()) {
            LOG.warn("No API clients are configured (junction.auth.api-keys.*): only JWT bearer tokens, if configured, "
                    + "can reach the intake and operations APIs");
        }
    }

    /** The client whose key this is, if any. */
    public Optional<Client> find(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        Client found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented)) {
                found = entry.client();
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
