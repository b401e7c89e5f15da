/**
 * Limits at the HTTP edge, before any route runs: body size and read deadline, content type, per-client rate
 * limits, load shedding, and throttling of failed authentications.
 */
package dev.junction.runtime.limits;
