package dev.junction.runtime.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration keys a profile of Junction sees, read the way Quarkus reads them without starting Quarkus:
 * build-time {@code application.properties} from the classpath, then {@code config/application.properties}, a
 * {@code %profile.} key over the plain one. Environment variables and system properties are added by Camel's
 * properties component itself.
 */
public final class ConfigFileProperties {

    private ConfigFileProperties() {
    }

    public static Properties load(Path configFile, String profile) throws IOException {
        Properties raw = new Properties();
        try (InputStream buildTime = ConfigFileProperties.class.getClassLoader()
                .getResourceAsStream("application.properties")) {
            if (buildTime != null) {
                raw.load(buildTime);
            }
        }
        Properties runtime = new Properties();
        if (Files.isRegularFile(configFile)) {
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                runtime.load(reader);
            }
        }
        raw.putAll(runtime);
        Properties effective = new Properties();
        raw.stringPropertyNames().stream().filter(key -> !key.startsWith("%"))
                .forEach(key -> effective.setProperty(key, raw.getProperty(key)));
        for (String key : raw.stringPropertyNames()) {
            int dot = key.indexOf('.');
            if (key.startsWith("%") && dot > 0 && profiles(key.substring(1, dot), profile)) {
                effective.setProperty(key.substring(dot + 1), raw.getProperty(key));
            }
        }
        return effective;
    }

    /** {@code %dev,test.key} applies to both dev and test. */
    private static boolean profiles(String list, String profile) {
        for (String name : list.split(",")) {
            if (name.strip().equals(profile)) {
                return true;
            }
        }
        return false;
    }
}
