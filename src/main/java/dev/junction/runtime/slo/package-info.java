/**
 * Service levels: every integration's outcomes counted against its success and latency targets, as metrics
 * and a readiness check.
 */
package dev.junction.runtime.slo;
