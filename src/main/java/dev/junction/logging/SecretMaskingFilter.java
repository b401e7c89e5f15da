package dev.junction.logging;

import java.util.List;
import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import io.quarkus.logging.LoggingFilter;
import org.apache.camel.util.URISupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Masks secrets in every console log line (quarkus.log.console.filter=junction-secrets), whoever writes it: passwords
 * in URIs and password-like query parameters, as Camel masks endpoint URIs (Camel's own error handler, for one, quotes
 * exception messages that carry whole URIs), and the values of Junction's webhook and signing secrets. Junction's own code
 * logs no secret in the first place (SecretsTest); this is the net under libraries. Exception stack traces are
 * printed as they are.
 */
@LoggingFilter(name = "junction-secrets")
public final class SecretMaskingFilter implements Filter {

    static final String MASK = "xxxxxx";

    private final List<String> secrets;

    public SecretMaskingFilter(
            @ConfigProperty(name = "junction.webhooks.inbound.payments.secrets") Optional<List<String>> webhookSecrets,
            @ConfigProperty(name = "junction.webhooks.outbound-secret") Optional<String> outboundSecret) {
        // Not the datasource password: drivers do not log it, and a plain word there (dev mode's is "junction")
        // would be masked in every line that names it.
        this.secrets = Stream.concat(webhookSecrets.orElse(List.of()).stream(), outboundSecret.stream())
                // Too short to mask without masking ordinary words.
                .filter(secret -> secret.length() >= 8)
                .toList();
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (message == null) {
            return true;
        }
        String masked = mask(message);
        if (!masked.equals(message)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(masked);
            }
            record.setParameters(null);
        }
        return true;
    }

    String mask(String message) {
        String masked = URISupport.sanitizeUri(message);
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
