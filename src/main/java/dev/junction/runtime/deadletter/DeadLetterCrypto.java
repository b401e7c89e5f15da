package dev.junction.runtime.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import dev.junction.runtime.startup.MissingSettingsException;
import dev.junction.runtime.startup.RequiredSettings;

/**
 * Encrypts a dead letter's message (body bytes, headers JSON) before it leaves the process for the database or the
 * journal file, and decrypts it when read: dead letters keep whole orders, and a database dump or a copied volume must
 * not hand them out.
 * <p>
 * AES-256-GCM with a fresh random 12-byte nonce per value, stored as nonce followed by ciphertext and tag (headers:
 * the same bytes, base64). The associated data is the dead letter's id and the part ({@code body}, {@code headers}):
 * a value copied into another row, or body and headers swapped, fails to decrypt rather than showing the wrong
 * message. A value is written under the key {@code junction.dead-letter.encryption.key-id} names and keeps that key id
 * beside it; it is read with whichever key its id names, so rotation is: add the new key, switch key-id, keep the old
 * key configured for as long as rows written with it exist.
 * <p>
 * Keys are looked up by id when first needed, not listed up front: a key given as an environment variable
 * (JUNCTION_DEAD_LETTER_ENCRYPTION_KEYS_OLD) is only found under its dotted name.
 */
@Singleton
public class DeadLetterCrypto {

    static final String KEY_ID = "junction.dead-letter.encryption.key-id";
    static final String KEYS = "junction.dead-letter.encryption.keys.";
    static final String BODY = "body";
    static final String HEADERS = "headers";

    private static final Logger LOG = Logger.getLogger(DeadLetterCrypto.class);
    private static final Pattern KEY_ID_FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final String keyId;
    private final SecretKey key;
    private final Function<String, Optional<String>> keys;
    private final Map<String, SecretKey> known = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Inject
    public DeadLetterCrypto(Config config) {
        this(config.getOptionalValue(KEY_ID, String.class).filter(id -> !id.isBlank()).orElse(null),
                id -> config.getOptionalValue(KEYS + id, String.class).filter(key -> !key.isBlank()));
    }

    /**
     * @param keyId the id new values are written with
     * @param keys  the base64 key of a key id, if configured
     * @throws MissingSettingsException when the key to write with is not configured or not a 256-bit key
     */
    DeadLetterCrypto(String keyId, Function<String, Optional<String>> keys) {
        this.keys = keys;
        if (keyId == null) {
            throw missing("Dead letters are encrypted at rest and no key is configured: set " + KEY_ID
                    + " (JUNCTION_DEAD_LETTER_ENCRYPTION_KEY_ID) to a key id, and " + KEYS
                    + "<key-id> (JUNCTION_DEAD_LETTER_ENCRYPTION_KEYS_<KEY-ID>) to the base64 of 32 random bytes"
                    + " (openssl rand -base64 32)");
        }
        if (!KEY_ID_FORMAT.matcher(keyId).matches()) {
            throw missing(KEY_ID + " must be lower-case letters, digits and dashes (it names an environment"
                    + " variable too), not " + keyId);
        }
        this.keyId = keyId;
        this.key = keyFor(keyId).orElseThrow(() -> missing("Dead letters are written with key " + keyId + " ("
                + KEY_ID + ") and that key is not configured: set " + KEYS + keyId + " (" + envName(keyId)
                + ") to the base64 of 32 random bytes (openssl rand -base64 32)"));
    }

    /**
     * Fails startup, before routes are loaded, when the key to write with is unusable; after RequiredSettings, which
     * names every missing setting in one line.
     */
    void check(@Observes @Priority(RequiredSettings.ORDER + 100) BeforeConfigure event) {
        LOG.debugf("Dead letters are encrypted with key %s", keyId);
    }

    /** The id of the key new values are written with. */
    public String keyId() {
        return keyId;
    }

    /** A dead letter's message, ready to be stored: both parts encrypted, a null body left null. */
    public FailedMessage seal(FailedMessage message) {
        if (message.keyId() != null) {
            return message;
        }
        return message.withMessage(encrypt(message.id(), BODY, message.body()),
                encryptText(message.id(), HEADERS, message.headersJson()), keyId);
    }

    /** A message as {@link #seal} wrote it, decrypted; one with no key id was never encrypted and is returned as is. */
    public FailedMessage open(FailedMessage message) {
        if (message.keyId() == null) {
            return message;
        }
        return message.withMessage(decrypt(message.id(), BODY, message.keyId(), message.body()),
                decryptText(message.id(), HEADERS, message.keyId(), message.headersJson()), null);
    }

    byte[] encrypt(String id, String part, byte[] plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(id, part));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK; encrypting failed", e);
        }
    }

    String encryptText(String id, String part, String plain) {
        return plain == null ? null
                : Base64.getEncoder().encodeToString(encrypt(id, part, plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** Decrypts with the key {@code keyId} names; null key id: the value is plaintext (written before encryption). */
    byte[] decrypt(String id, String part, String keyId, byte[] stored) {
        if (keyId == null || stored == null) {
            return stored;
        }
        SecretKey readKey = keyFor(keyId).orElseThrow(() -> new DeadLetterDecryptionException("Dead letter " + id
                + " was encrypted with key " + keyId + ", which is not configured: set " + KEYS + keyId + " ("
                + envName(keyId) + ") again; keys must stay configured while dead letters written with them exist"));
        if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw tampered(id, part, keyId);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, readKey, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(id, part));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw tampered(id, part, keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK; decrypting failed", e);
        }
    }

    String decryptText(String id, String part, String keyId, String stored) {
        if (keyId == null || stored == null) {
            return stored;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw tampered(id, part, keyId);
        }
        return new String(decrypt(id, part, keyId, bytes), StandardCharsets.UTF_8);
    }

    private Optional<SecretKey> keyFor(String id) {
        SecretKey cached = known.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SecretKey> found = keys.apply(id).map(base64 -> parse(id, base64));
        found.ifPresent(k -> known.put(id, k));
        return found;
    }

    private static SecretKey parse(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            // The value itself stays out of the message: it is a secret.
            throw missing(KEYS + id + " (" + envName(id) + ") is not base64; it must be the base64 of 32 random"
                    + " bytes (openssl rand -base64 32)");
        }
        if (bytes.length != KEY_BYTES) {
            throw missing(KEYS + id + " (" + envName(id) + ") is " + bytes.length + " bytes; AES-256 needs 32"
                    + " (openssl rand -base64 32)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static byte[] associatedData(String id, String part) {
        return (id + "/" + part).getBytes(StandardCharsets.UTF_8);
    }

    private static DeadLetterDecryptionException tampered(String id, String part, String keyId) {
        return new DeadLetterDecryptionException("Dead letter " + id + ": its " + part + " does not decrypt with key "
                + keyId + " (AES-GCM authentication failed). It was altered where it is kept, moved from another dead"
                + " letter, or " + KEYS + keyId + " is not the key it was written with");
    }

    static String envName(String keyId) {
        return (KEYS + keyId).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static MissingSettingsException missing(String message) {
        LOG.error(message);
        return new MissingSettingsException(message);
    }
}
