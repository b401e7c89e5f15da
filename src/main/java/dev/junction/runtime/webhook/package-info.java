/**
 * Signed HTTP: verification of inbound webhooks (HMAC-SHA256 over timestamp and body, rotatable secrets)
 * and the signature Junction puts on its own outbound calls.
 */
package dev.junction.runtime.webhook;
