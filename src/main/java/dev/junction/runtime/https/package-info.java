/**
 * The HTTPS listener: a configured PEM certificate and key become an HTTPS listener of its own TLS
 * configuration, reloaded when the files change, with plain HTTP off (a config source).
 */
package dev.junction.runtime.https;
