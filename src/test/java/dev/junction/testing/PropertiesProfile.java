package dev.junction.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile whose configuration overrides are a properties file of its own,
 * {@code src/test/resources/profiles/<TestClass>.<Profile>.properties} (a top-level profile class:
 * {@code <Profile>.properties}), where a comment beside each setting says why the test needs it. Settings known only
 * when the application starts (a free port) or named by the test's constants (its route directory) come from
 * {@link #computedOverrides()} and
 * are added to the file's; files the application reads at start are made by {@link #prepare()}. A profile without
 * such a file is an error, except for an {@link OwnServices} profile, which may only name its services.
 * <p>
 * Quarkus starts the application once per profile class: each test that needs its own settings keeps its own class,
 * usually empty.
 */
public abstract class PropertiesProfile implements QuarkusTestProfile {

    @Override
    public final Map<String, String> getConfigOverrides() {
        prepare();
        Map<String, String> overrides = new HashMap<>(fromFile());
        computedOverrides().forEach((key, value) -> {
            if (overrides.put(key, value) != null) {
                throw new IllegalStateException(key + " is set both in " + file() + " and at run time");
            }
        });
        return overrides;
    }

    /** Makes what the application reads at start (route files in a directory of the test's own); nothing by default. */
    protected void prepare() {
    }

    /** Whether the profile's settings file must exist; a profile of {@link OwnServices} may only name services. */
    protected boolean settingsFileRequired() {
        return true;
    }

    /**
     * Settings only known when the application starts (ports), or taken from the test's own constants (the directory
     * it writes routes to), so they are said once; none by default.
     */
    protected Map<String, String> computedOverrides() {
        return Map.of();
    }

    private Map<String, String> fromFile() {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(file())) {
            if (in == null) {
                if (settingsFileRequired()) {
                    // A renamed profile class would otherwise run its test on the default settings, unnoticed.
                    throw new IllegalStateException("No " + file() + " for the test profile " + getClass().getName());
                }
                return Map.of();
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }

    /** profiles/SqlTimeoutsTest.SmallLimits.properties for the nested class SqlTimeoutsTest.SmallLimits. */
    private String file() {
        String name = getClass().getName();
        return "profiles/" + name.substring(name.lastIndexOf('.') + 1).replace('$', '.') + ".properties";
    }
}
