package dev.junction.testing;

/**
 * Logs and traces as production switches them on: the console writes JSON lines and tracing is enabled, its spans
 * kept in memory. One profile for the tests of both (TracingTest, LoggedExceptionSecretsJsonTest), so they share one
 * application start. Its settings: profiles/ProductionTelemetry.properties.
 */
public class ProductionTelemetry extends PropertiesProfile {
}
