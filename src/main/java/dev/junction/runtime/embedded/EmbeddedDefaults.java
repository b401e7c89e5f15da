package dev.junction.runtime.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.quarkus.runtime.ImageMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * What {@code junction.embedded=true} means for the services Junction needs: whatever the configuration leaves unset
 * is supplied in-process, so {@code java -Djunction.embedded=true -jar quarkus-run.jar} runs with nothing else.
 * <ul>
 * <li>no {@code quarkus.datasource.jdbc.url}: an embedded PostgreSQL (dev.junction.runtime.database.embedded) on
 * {@code junction.embedded.postgres.port}, migrated by Junction once it is up;</li>
 * <li>no {@code inventory.url}: the stand-in inventory route on Junction's own port;</li>
 * <li>no API client at all: the dev-mode keys, with HTTP on loopback only, since those keys are published;</li>
 * <li>no dead-letter encryption key: the published dev key of config/application.properties, so the demo command
 * runs in the prod profile; it protects nothing.</li>
 * </ul>
 * The broker is decided where it is started (dev.junction.runtime.kafka.embedded). Values anyone configured win: the defaults
 * sit below application.properties. Two settings must win over application.properties and so sit above everything:
 * Flyway's migrate-at-start (it would run before the embedded database is up; Junction migrates after starting it)
 * and the stand-in switch.
 * <p>
 * A config source factory rather than properties, because a property file cannot say "only when this other key is
 * unset". It only supplies values: starting anything is left to the launchers, which run once Camel starts.
 */
public class EmbeddedDefaults implements ConfigSourceFactory {

    /**
     * Set (to true) by this factory when it found no database configured: Flyway's migrate-at-start is then off, and
     * the database launcher migrates. Configuration this factory cannot see (a test resource's) may still name a
     * database; the launcher starts the embedded one only when the URL in effect is {@link #postgresUrl}.
     */
    public static final String START_POSTGRES = "junction.embedded.postgres.start";

    static final String DEV_INTAKE_HASH = "a4dbdb234359ed20fe8f8cbc6a5c0626c60195263c9af2eb2b0ee3c6c71b9a3a";
    static final String DEV_OPERATOR_HASH = "7eee78659ab50d4dd820f4242709d188809ca0249506edf83d70022973d5e2ca";
    static final String DEV_DEAD_LETTER_KEY_ID = "dev-published";
    // The base64 of "junction-dev-key-NOT-A-SECRET-01": published, like the dev API keys.
    static final String DEV_DEAD_LETTER_KEY = "anVuY3Rpb24tZGV2LWtleS1OT1QtQS1TRUNSRVQtMDE=";

    // Below application.properties (250) and config/application.properties (260)
    private static final int DEFAULTS_ORDINAL = 150;
    // Above system properties (400) and environment variables (300)
    private static final int DECISIONS_ORDINAL = 450;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!"true".equalsIgnoreCase(value(context, "junction.embedded"))) {
            return List.of();
        }
        if (ImageMode.current() == ImageMode.NATIVE_RUN) {
            throw new IllegalStateException("junction.embedded=true is not available in the native executable: it is "
                    + "built without the embedded Kafka broker and database. Configure kafka.bootstrap.servers, "
                    + "quarkus.datasource.jdbc.url and inventory.url instead.");
        }
        Map<String, String> defaults = new HashMap<>();
        Map<String, String> decisions = new HashMap<>();
        if (value(context, "quarkus.datasource.jdbc.url") == null) {
            String port = valueOr(context, "junction.embedded.postgres.port", "15432");
            defaults.put("quarkus.datasource.jdbc.url", postgresUrl(Integer.parseInt(port)));
            defaults.put("quarkus.datasource.username", "postgres");
            defaults.put("quarkus.datasource.password", "postgres");
            decisions.put(START_POSTGRES, "true");
            decisions.put("quarkus.flyway.migrate-at-start", "false");
        }
        if (value(context, "inventory.url") == null) {
            defaults.put("inventory.url", "http://localhost:${quarkus.http.port}/stand-in/inventory");
            decisions.put("inventory.stand-in.enabled", "true");
        }
        if (!anyApiClient(context)) {
            defaults.put("junction.auth.api-keys.devintake.hashes", DEV_INTAKE_HASH);
            defaults.put("junction.auth.api-keys.devintake.roles", "intake");
            defaults.put("junction.auth.api-keys.devoperator.hashes", DEV_OPERATOR_HASH);
            defaults.put("junction.auth.api-keys.devoperator.roles", "operator");
            defaults.put("quarkus.http.host", "127.0.0.1");
        }
        if (value(context, "junction.dead-letter.encryption.key-id") == null) {
            defaults.put("junction.dead-letter.encryption.key-id", DEV_DEAD_LETTER_KEY_ID);
            defaults.put("junction.dead-letter.encryption.keys." + DEV_DEAD_LETTER_KEY_ID, DEV_DEAD_LETTER_KEY);
        }
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(new PropertiesConfigSource(defaults, "junction.embedded defaults", DEFAULTS_ORDINAL));
        sources.add(new PropertiesConfigSource(decisions, "junction.embedded decisions", DECISIONS_ORDINAL));
        return sources;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(DEFAULTS_ORDINAL);
    }

    /** The JDBC URL of the embedded PostgreSQL server on this port. */
    public static String postgresUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static boolean anyApiClient(ConfigSourceContext context) {
        for (Iterator<String> names = context.iterateNames(); names.hasNext();) {
            String name = activeName(names.next(), context.getProfiles());
            if (name != null && (name.startsWith("junction.auth.api-keys.")
                    || name.startsWith("JUNCTION_AUTH_API_KEYS_")) && value(context, name) != null) {
                return true;
            }
        }
        return false;
    }

    // "%dev.x" counts as "x" only while dev is an active profile: application.properties has %dev and %test clients.
    private static String activeName(String name, List<String> profiles) {
        if (!name.startsWith("%")) {
            return name;
        }
        int dot = name.indexOf('.');
        return dot > 1 && profiles.contains(name.substring(1, dot)) ? name.substring(dot + 1) : null;
    }

    private static String valueOr(ConfigSourceContext context, String name, String otherwise) {
        String value = value(context, name);
        return value == null ? otherwise : value;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
