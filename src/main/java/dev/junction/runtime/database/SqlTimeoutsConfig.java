package dev.junction.runtime.database;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long one SQL statement, a lock wait and an idle transaction may take on Junction's connections; see
 * config/application.properties. Zero switches a limit off.
 */
@ConfigMapping(prefix = "junction.sql")
public interface SqlTimeoutsConfig {

    /** Any one statement, whatever it waits on (work, locks, I/O), is cancelled by the database after this. */
    @WithDefault("30s")
    Duration statementTimeout();

    /** A statement waiting this long for a lock is cancelled, even before statementTimeout. */
    @WithDefault("10s")
    Duration lockTimeout();

    /** A connection idle this long inside an open transaction is closed by the server, releasing its locks. */
    @WithDefault("60s")
    Duration idleInTransactionTimeout();
}
