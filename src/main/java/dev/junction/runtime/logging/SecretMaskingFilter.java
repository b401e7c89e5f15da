package dev.junction.runtime.logging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.quarkus.logging.LoggingFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Masks secrets in every console log line (quarkus.log.console.filter=junction-secrets), whoever writes it: passwords
 * in URIs and password-like query parameters, as Camel masks endpoint URIs (Camel's own error handler, for one, quotes
 * exception messages that carry whole URIs), and the values of Junction's webhook and signing secrets. Junction's own code
 * logs no secret in the first place (SecretsTest); this is the net under libraries. Quoted password options, as in a
 * Kafka JAAS configuration, are masked as well. A logged exception is masked too, with its causes and suppressed
 * exceptions, since they often quote a URI or a configuration they failed on: when any of their texts needs masking,
 * the record gets a copy that prints the same but masked (MaskedThrowable).
 */
@LoggingFilter(name = "junction-secrets")
public final class SecretMaskingFilter implements Filter {

    static final String MASK = "xxxxxx";
    /**
     * The password of every URI in a text: Camel's masking takes only the last URI of a line (an exception quoting two
     * endpoints kept the first one's password), and it still runs after this, for passwords with a raw @ or / in them.
     * Matches start where a word does (the lookbehind): tried inside long runs of letters, as in a logged base64 body,
     * each start would scan the rest of the run again.
     */
    private static final Pattern URI_PASSWORD = Pattern.compile(
            "(?<![a-zA-Z0-9+.-])([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/?#@:]*:)[^\\s/?#@]+@");
    /**
     * Quoted password and secret options, as in Kafka's JAAS configuration (sasl.jaas.config: ... username="u"
     * password="p";), which a client's error may quote and which Camel's masking, made for URI parameters, passes.
     * Starting where a word does, for the same reason.
     */
    private static final Pattern QUOTED_SECRET = Pattern.compile(
            "(?i)(?<![\\w.-])([\\w.-]*(?:password|secret)[\\w.-]*\\s*=\\s*)\"[^\"]*\"");

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
        maskMessage(record);
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            Throwable masked = mask(thrown);
            if (masked != thrown) {
                record.setThrown(masked);
            }
        }
        return true;
    }

    private void maskMessage(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (message == null) {
            return;
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
    }

    /**
     * The throwable itself when none of its texts (its own, its causes', its suppressed exceptions', theirs, ...)
     * needs masking; otherwise a copy of the whole graph, MaskedThrowables with the same frames, causes and suppressed
     * exceptions, cycles and shared exceptions included, so that formatters print it as they would the original.
     */
    Throwable mask(Throwable thrown) {
        // First, cheaply, whether anything needs masking. Causes and suppressed exceptions are read once, here, so
        // that the copy matches what was checked even if another thread adds a suppressed exception meanwhile.
        Map<Throwable, Node> nodes = new IdentityHashMap<>();
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(thrown);
        boolean secret = false;
        while (!pending.isEmpty()) {
            Throwable current = pending.pop();
            if (nodes.containsKey(current)) {
                continue;
            }
            String text = text(current);
            String masked = mask(text);
            // JSON log lines print the message apart from toString(), which a subclass may have made leave it out.
            String message = message(current);
            secret |= !masked.equals(text) || (message != null && !mask(message).equals(message));
            Node node = new Node(masked, current.getCause(), current.getSuppressed());
            nodes.put(current, node);
            if (node.cause() != null) {
                pending.push(node.cause());
            }
            for (Throwable suppressed : node.suppressed()) {
                pending.push(suppressed);
            }
        }
        if (!secret) {
            return thrown;
        }
        Map<Throwable, MaskedThrowable> copies = new IdentityHashMap<>();
        nodes.forEach((original, node) -> copies.put(original,
                new MaskedThrowable(node.text(), original.getStackTrace())));
        nodes.forEach((original, node) -> {
            MaskedThrowable copy = copies.get(original);
            // A getCause() overridden to answer the throwable itself is the one cycle initCause refuses.
            if (node.cause() != null && node.cause() != original) {
                copy.initCause(copies.get(node.cause()));
            }
            for (Throwable suppressed : node.suppressed()) {
                copy.addSuppressed(copies.get(suppressed));
            }
        });
        return copies.get(thrown);
    }

    /** One throwable of a logged graph: its masked text, and what it links to. */
    private record Node(String text, Throwable cause, Throwable[] suppressed) {
    }

    /** A throwable whose toString() fails would fail the caller's log statement here: its class name stands in. */
    private static String text(Throwable throwable) {
        try {
            return String.valueOf(throwable);
        } catch (RuntimeException e) {
            return throwable.getClass().getName();
        }
    }

    private static String message(Throwable throwable) {
        try {
            return throwable.getMessage();
        } catch (RuntimeException e) {
            return null;
        }
    }

    String mask(String message) {
        String masked = message;
        if (masked.contains("://")) {
            masked = URI_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "@");
        }
        if (masked.indexOf('"') >= 0) {
            masked = QUOTED_SECRET.matcher(masked).replaceAll("$1\"" + MASK + "\"");
        }
        masked = UriSecrets.mask(masked);
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
