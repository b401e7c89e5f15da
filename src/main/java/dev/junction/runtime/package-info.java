/**
 * Junction's runtime: what every deployment needs, whatever its routes. It never imports
 * {@code dev.junction.samples} (held by an ArchUnit test); delete the samples and it still starts.
 */
package dev.junction.runtime;
