package dev.junction.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Guards the operations API: a request must carry the operator key ({@code junction.ops.api-key}) in the
 * {@value #HEADER} header. Without a configured key the API is off, not open.
 */
@Singleton
public class OperatorKey {

    public static final String HEADER = "X-API-Key";
    private static final Logger LOG = Logger.getLogger(OperatorKey.class);

    private final Optional<byte[]> key;

    public OperatorKey(@ConfigProperty(name = "junction.ops.api-key") Optional<String> key) {
        this.key = key.filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8));
        if (this.key.isEmpty()) {
            LOG.warn("junction.ops.api-key is not set: the operations API (/api/ops) answers 503 to every request");
        }
    }

    public void check(Exchange exchange) {
        if (key.isEmpty()) {
            throw new OpsException(503, "The operations API is disabled",
                    "Set junction.ops.api-key (JUNCTION_OPS_API_KEY) to enable it.");
        }
        String presented = exchange.getMessage().getHeader(HEADER, String.class);
        // Constant-time comparison: the time taken does not tell how much of a guess was right.
        if (presented == null
                || !MessageDigest.isEqual(key.get(), presented.getBytes(StandardCharsets.UTF_8))) {
            throw new OpsException(401, "Operator key required",
                    "Send the operator key (junction.ops.api-key) in the " + HEADER + " header.");
        }
    }
}
