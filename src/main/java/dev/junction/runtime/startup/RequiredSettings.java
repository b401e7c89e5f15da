package dev.junction.runtime.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start, in one line naming each key and its environment variable, when a setting the runtime cannot do
 * without is missing: the database and the dead-letter encryption key are configured in dev and test and supplied by
 * embedded mode, and nowhere else. Without this, a missing JDBC URL let Junction half-start, readiness DOWN for good
 * while its routes restarted against a datasource that could never connect.
 * <p>
 * Settings only a route needs (a service URL its endpoints name) are not named here: a deployment without that route
 * must start without them, and route validation refuses a route file whose {@code {{placeholder}}} is unset, naming
 * its file and line.
 * <p>
 * Checked when Camel Main begins to configure, before routes are loaded and before anything connects.
 */
@ApplicationScoped
public class RequiredSettings {

    /** Observers of BeforeConfigure that check one setting in depth come after this one, which names all at once. */
    public static final int ORDER = Interceptor.Priority.APPLICATION;
    private static final Logger LOG = Logger.getLogger(RequiredSettings.class);

    private final Optional<String> databaseUrl;
    private final boolean deadLetterKey;

    public RequiredSettings(
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> databaseUrl,
            @ConfigProperty(name = "junction.dead-letter.encryption.key-id") Optional<String> deadLetterKeyId,
            Config config) {
        this.databaseUrl = databaseUrl.filter(url -> !url.isBlank());
        // Whether the key is usable is dev.junction.runtime.deadletter.DeadLetterCrypto's to say, once this has passed.
        this.deadLetterKey = deadLetterKeyId.filter(id -> !id.isBlank())
                .flatMap(id -> config.getOptionalValue("junction.dead-letter.encryption.keys." + id, String.class))
                .filter(key -> !key.isBlank()).isPresent();
    }

    void check(@Observes @Priority(ORDER) BeforeConfigure event) {
        List<String> missing = new ArrayList<>();
        if (databaseUrl.isEmpty()) {
            missing.add("quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL, with QUARKUS_DATASOURCE_USERNAME"
                    + " and QUARKUS_DATASOURCE_PASSWORD)");
        }
        if (!deadLetterKey) {
            missing.add("junction.dead-letter.encryption.key-id and its key (JUNCTION_DEAD_LETTER_ENCRYPTION_KEY_ID and"
                    + " JUNCTION_DEAD_LETTER_ENCRYPTION_KEYS_<KEY_ID>, the base64 of 32 random bytes)");
        }
        if (!missing.isEmpty()) {
            String message = "Junction does not start: set " + String.join(" and ", missing)
                    + ", or run with -Djunction.embedded=true to run everything in-process";
            LOG.error(message);
            throw new MissingSettingsException(message);
        }
    }
}
