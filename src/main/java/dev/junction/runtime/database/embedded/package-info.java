/**
 * The embedded PostgreSQL server of {@code junction.embedded=true}: started and migrated when no database is
 * configured. JVM only; left out of native images.
 */
package dev.junction.runtime.database.embedded;
