package dev.junction.testing;

/**
 * A PostgreSQL server of one test's own that the test can take down and bring back (same port, same data directory,
 * so it comes back as the same database with every row), to see what Junction does while its database is away.
 * Injected into a test field of this type.
 */
public class RestartablePostgresTestResource extends PostgresTestResource {

    public RestartablePostgresTestResource() {
        super("postgres-restartable", FreePorts.next());
    }
}
