package dev.junction.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.junction.runtime.startup.MissingSettingsException;

/** The cipher on its own: what a row or journal entry holds, rotation between key sets, and what it refuses. */
class DeadLetterCryptoTest {

    static final String ORDER = "{\"orderId\":\"o-42\",\"customerId\":\"cust-erika\",\"lines\":[{\"sku\":\"SKU-9\"}]}";
    static final String HEADERS = "{\"kafka.KEY\":\"o-42\",\"X-Customer\":\"cust-erika\"}";

    final String keyA = randomKey();
    final String keyB = randomKey();

    @Test
    void aSealedMessageHoldsNoPlaintextAndOpensToTheOriginal() {
        DeadLetterCrypto crypto = crypto("a", Map.of("a", keyA));
        FailedMessage plain = message("dl-1");

        FailedMessage sealed = crypto.seal(plain);

        assertThat(sealed.keyId()).isEqualTo("a");
        assertThat(new String(sealed.body(), StandardCharsets.ISO_8859_1))
                .doesNotContain("cust-erika", "SKU-9", "o-42");
        assertThat(sealed.headersJson()).doesNotContain("cust-erika", "o-42");
        assertThat(sealed.messageKey()).as("the searchable key stays plaintext").isEqualTo("o-42");
        FailedMessage opened = crypto.open(sealed);
        assertThat(opened.keyId()).isNull();
        assertThat(new String(opened.body(), StandardCharsets.UTF_8)).isEqualTo(ORDER);
        assertThat(opened.headersJson()).isEqualTo(HEADERS);
    }

    @Test
    void everyValueGetsAFreshNonce() {
        DeadLetterCrypto crypto = crypto("a", Map.of("a", keyA));
        byte[] body = ORDER.getBytes(StandardCharsets.UTF_8);

        assertThat(crypto.encrypt("dl-1", DeadLetterCrypto.BODY, body))
                .isNotEqualTo(crypto.encrypt("dl-1", DeadLetterCrypto.BODY, body));
    }

    @Test
    void afterRotationOldAndNewValuesAreBothReadable() {
        FailedMessage underA = crypto("a", Map.of("a", keyA)).seal(message("dl-old"));
        // Switched: B writes, A is still configured to read.
        DeadLetterCrypto rotated = crypto("b", Map.of("a", keyA, "b", keyB));
        FailedMessage underB = rotated.seal(message("dl-new"));

        assertThat(underB.keyId()).isEqualTo("b");
        assertThat(rotated.open(underA).headersJson()).isEqualTo(HEADERS);
        assertThat(rotated.open(underB).headersJson()).isEqualTo(HEADERS);
        assertThat(new String(rotated.open(underA).body(), StandardCharsets.UTF_8)).isEqualTo(ORDER);
    }

    @Test
    void aValueWhoseKeyIsNoLongerConfiguredNamesTheKeyToSetAgain() {
        FailedMessage underA = crypto("a", Map.of("a", keyA)).seal(message("dl-1"));
        DeadLetterCrypto onlyB = crypto("b", Map.of("b", keyB));

        assertThatThrownBy(() -> onlyB.open(underA)).isInstanceOf(DeadLetterDecryptionException.class)
                .hasMessageContaining("dl-1").hasMessageContaining("junction.dead-letter.encryption.keys.a")
                .hasMessageContaining("JUNCTION_DEAD_LETTER_ENCRYPTION_KEYS_A");
    }

    @Test
    void aTamperedCiphertextFailsClearlyInsteadOfGivingGarbage() {
        DeadLetterCrypto crypto = crypto("a", Map.of("a", keyA));
        byte[] sealed = crypto.encrypt("dl-1", DeadLetterCrypto.BODY, ORDER.getBytes(StandardCharsets.UTF_8));
        sealed[sealed.length / 2] ^= 1;

        assertThatThrownBy(() -> crypto.decrypt("dl-1", DeadLetterCrypto.BODY, "a", sealed))
                .isInstanceOf(DeadLetterDecryptionException.class)
                .hasMessageContaining("dl-1").hasMessageContaining("body").hasMessageContaining("altered");
        assertThatThrownBy(() -> crypto.decryptText("dl-1", DeadLetterCrypto.HEADERS, "a", "not base64 at all!"))
                .isInstanceOf(DeadLetterDecryptionException.class);
        assertThatThrownBy(() -> crypto.decrypt("dl-1", DeadLetterCrypto.BODY, "a", new byte[5]))
                .isInstanceOf(DeadLetterDecryptionException.class);
    }

    @Test
    void aValueMovedToAnotherRowOrColumnDoesNotDecrypt() {
        DeadLetterCrypto crypto = crypto("a", Map.of("a", keyA));
        FailedMessage sealed = crypto.seal(message("dl-1"));

        assertThatThrownBy(() -> crypto.decrypt("dl-2", DeadLetterCrypto.BODY, "a", sealed.body()))
                .isInstanceOf(DeadLetterDecryptionException.class);
        assertThatThrownBy(() -> crypto.decryptText("dl-1", DeadLetterCrypto.BODY, "a", sealed.headersJson()))
                .isInstanceOf(DeadLetterDecryptionException.class);
    }

    @Test
    void aRowWrittenBeforeEncryptionIsReadAsPlaintext() {
        DeadLetterCrypto crypto = crypto("a", Map.of("a", keyA));
        byte[] body = ORDER.getBytes(StandardCharsets.UTF_8);

        assertThat(crypto.decrypt("dl-1", DeadLetterCrypto.BODY, null, body)).isEqualTo(body);
        assertThat(crypto.decryptText("dl-1", DeadLetterCrypto.HEADERS, null, HEADERS)).isEqualTo(HEADERS);
        assertThat(crypto.open(message("dl-1")).headersJson()).isEqualTo(HEADERS);
    }

    @Test
    void withoutAUsableKeyItRefusesToStartAndNamesTheEnvironmentVariables() {
        assertThatThrownBy(() -> crypto(null, Map.of())).isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("JUNCTION_DEAD_LETTER_ENCRYPTION_KEY_ID")
                .hasMessageContaining("JUNCTION_DEAD_LETTER_ENCRYPTION_KEYS_<KEY-ID>");
        assertThatThrownBy(() -> crypto("prod-2026", Map.of())).isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("JUNCTION_DEAD_LETTER_ENCRYPTION_KEYS_PROD_2026");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> crypto("a", Map.of("a", shortKey))).isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("16 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> crypto("a", Map.of("a", "%%%"))).isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> crypto("Upper_Case", Map.of("Upper_Case", keyA)))
                .isInstanceOf(MissingSettingsException.class).hasMessageContaining("lower-case");
    }

    private static DeadLetterCrypto crypto(String keyId, Map<String, String> keys) {
        Map<String, String> copy = new HashMap<>(keys);
        return new DeadLetterCrypto(keyId, id -> Optional.ofNullable(copy.get(id)));
    }

    private static FailedMessage message(String id) {
        OffsetDateTime now = OffsetDateTime.now();
        return new FailedMessage(id, false, "fulfil-order", "kafka:orders.standard", null,
                ORDER.getBytes(StandardCharsets.UTF_8), true, "application/json", HEADERS, "java.lang.Exception",
                "boom", null, 1, now, now, "corr-1", "o-42", null);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
