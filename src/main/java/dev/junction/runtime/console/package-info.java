/**
 * The operator console: static pages under {@code META-INF/resources/console/} that call the operations API;
 * this package only sends {@code /console} to them.
 */
package dev.junction.runtime.console;
