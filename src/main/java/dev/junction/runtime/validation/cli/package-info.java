/**
 * The command-line route check ({@code ./mvnw exec:exec@validate-routes}): validates route files without
 * starting Junction. JVM only.
 */
package dev.junction.runtime.validation.cli;
