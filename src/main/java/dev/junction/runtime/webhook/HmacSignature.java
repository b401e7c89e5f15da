package dev.junction.runtime.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook (and of the HTTP calls Junction signs): {@value #PREFIX} and the hex HMAC-SHA256, keyed
 * with the shared secret, of the timestamp, a dot, and the raw body. The timestamp is signed with the body, so a
 * captured request cannot be sent again under a fresh timestamp.
 */
public final class HmacSignature {

    public static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";
    public static final String PREFIX = "sha256=";

    private HmacSignature() {
    }

    /** The header value: {@code sha256=<hex>}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
