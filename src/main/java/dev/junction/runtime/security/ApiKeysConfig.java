package dev.junction.runtime.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The API clients: for each, the SHA-256 hashes of its keys (one, or two while a key is being rotated) and its
 * roles. Plain keys are never configured.
 */
@ConfigMapping(prefix = "junction.auth")
public interface ApiKeysConfig {

    /** By client name (the principal name routes, logs and rate limits see). */
    Map<String, Client> apiKeys();

    interface Client {

        /** Lowercase hex SHA-256 of each active key, e.g. {@code printf %s "$KEY" | sha256sum}. */
        List<String> hashes();

        /** {@code intake}, {@code operator}, or both. */
        @WithDefault("intake")
        Set<String> roles();
    }
}
