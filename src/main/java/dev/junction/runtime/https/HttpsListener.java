package dev.junction.runtime.https;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * What configuring a certificate ({@code junction.http.tls.certificate} and {@code junction.http.tls.key}, PEM files,
 * e.g. a mounted Kubernetes TLS Secret's tls.crt and tls.key) means for Junction's HTTP listener: an HTTPS listener on
 * {@code quarkus.http.ssl-port} from a TLS registry configuration of its own ("https", so no other TLS client or
 * server of the process picks the server key up as its default), the files read again every
 * {@code junction.http.tls.reload-period} (a renewed Secret is served without a restart), and plain HTTP off.
 * <p>
 * Plain HTTP stays on where Junction calls itself over it: the stand-in inventory service answers on Junction's own
 * port, and is on in dev mode, embedded mode and wherever {@code inventory.stand-in.enabled} is set. Anyone's own
 * {@code quarkus.http.insecure-requests} (redirect, enabled) wins: these values sit below application.properties.
 * <p>
 * A config source factory rather than properties, because a property file cannot say "only when this other key is
 * set", and Quarkus refuses to start with {@code quarkus.http.insecure-requests=disabled} and no certificate.
 */
public class HttpsListener implements ConfigSourceFactory {

    static final String CERTIFICATE = "junction.http.tls.certificate";
    static final String KEY = "junction.http.tls.key";
    static final String RELOAD_PERIOD = "junction.http.tls.reload-period";
    /** The TLS registry configuration the HTTP server uses (quarkus.tls.https.*). */
    static final String TLS_CONFIGURATION = "https";

    // Below application.properties (250) and config/application.properties (260)
    private static final int DEFAULTS_ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String certificate = value(context, CERTIFICATE);
        String key = value(context, KEY);
        if (certificate == null && key == null) {
            return List.of();
        }
        if (certificate == null || key == null) {
            throw new IllegalStateException("HTTPS needs both " + CERTIFICATE + " and " + KEY + " (PEM files, e.g. "
                    + "JUNCTION_HTTP_TLS_CERTIFICATE=/secrets/tls/tls.crt JUNCTION_HTTP_TLS_KEY=/secrets/tls/tls.key);"
                    + " only " + (certificate == null ? KEY : CERTIFICATE) + " is set");
        }
        String prefix = "quarkus.tls." + TLS_CONFIGURATION + ".";
        Map<String, String> defaults = new HashMap<>();
        defaults.put(prefix + "key-store.pem.server.cert", certificate);
        defaults.put(prefix + "key-store.pem.server.key", key);
        String reloadPeriod = value(context, RELOAD_PERIOD);
        if (reloadPeriod != null) {
            defaults.put(prefix + "reload-period", reloadPeriod);
        }
        defaults.put("quarkus.http.tls-configuration-name", TLS_CONFIGURATION);
        if (!callsItselfOverPlainHttp(context)) {
            defaults.put("quarkus.http.insecure-requests", "disabled");
        }
        return List.of(new PropertiesConfigSource(defaults, "junction.http.tls", DEFAULTS_ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(DEFAULTS_ORDINAL);
    }

    // Embedded mode's own stand-in switch is decided by another factory, which this one cannot see: ask for the mode.
    private static boolean callsItselfOverPlainHttp(ConfigSourceContext context) {
        return "true".equalsIgnoreCase(value(context, "inventory.stand-in.enabled"))
                || "true".equalsIgnoreCase(value(context, "junction.embedded"));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
