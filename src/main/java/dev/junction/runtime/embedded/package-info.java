/**
 * What {@code junction.embedded=true} supplies: defaults for every service the configuration leaves out (a
 * config source), and the loopback ports the launchers bind.
 */
package dev.junction.runtime.embedded;
