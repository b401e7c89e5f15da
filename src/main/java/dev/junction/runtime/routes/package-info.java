/**
 * The running routes as operators see them: status, suspend and resume, the topology of what calls what, and
 * the metrics of routes that should be running.
 */
package dev.junction.runtime.routes;
