package dev.junction.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start, in one line naming each key and its environment variable, when a setting without a usable default
 * is missing: the database and the inventory service are configured in dev mode and supplied by embedded mode, and
 * nowhere else. Without this, a missing JDBC URL let Junction half-start, readiness DOWN for good while its routes
 * restarted against a datasource that could never connect.
 * <p>
 * Checked when Camel Main begins to configure, before routes are loaded (a route naming {@code {{inventory.url}}}
 * would otherwise be the first to complain) and before anything connects.
 */
@ApplicationScoped
public class RequiredSettings {

    private static final Logger LOG = Logger.getLogger(RequiredSettings.class);

    private final Optional<String> databaseUrl;
    private final Optional<String> inventoryUrl;

    public RequiredSettings(
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> databaseUrl,
            @ConfigProperty(name = "inventory.url") Optional<String> inventoryUrl) {
        this.databaseUrl = databaseUrl.filter(url -> !url.isBlank());
        this.inventoryUrl = inventoryUrl.filter(url -> !url.isBlank());
    }

    void check(@Observes BeforeConfigure event) {
        List<String> missing = new ArrayList<>();
        if (databaseUrl.isEmpty()) {
            missing.add("quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL, with QUARKUS_DATASOURCE_USERNAME"
                    + " and QUARKUS_DATASOURCE_PASSWORD)");
        }
        if (inventoryUrl.isEmpty()) {
            missing.add("inventory.url (INVENTORY_URL)");
        }
        if (!missing.isEmpty()) {
            String message = "Junction does not start: set " + String.join(" and ", missing)
                    + ", or run with -Djunction.embedded=true to run everything in-process";
            LOG.error(message);
            throw new MissingSettingsException(message);
        }
    }
}
