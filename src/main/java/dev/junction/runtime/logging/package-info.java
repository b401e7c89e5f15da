/**
 * Log hygiene: the console filter that masks passwords and configured secrets in messages and in logged
 * exceptions.
 */
package dev.junction.runtime.logging;
