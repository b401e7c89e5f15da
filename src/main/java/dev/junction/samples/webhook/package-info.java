/**
 * Sample payment webhook (routes/payment-webhook.yaml): its answer, and its error for an order Junction has
 * not recorded.
 */
package dev.junction.samples.webhook;
