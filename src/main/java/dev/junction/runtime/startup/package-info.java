/**
 * Refusal to start: the settings the runtime cannot do without (the database, the dead-letter key), named
 * together in one line before anything connects.
 */
package dev.junction.runtime.startup;
