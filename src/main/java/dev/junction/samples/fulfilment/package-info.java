/**
 * Sample order fulfilment (routes/order-fulfilment.yaml): inventory reservations per line, the outcome of
 * an order, and the idempotent repository that handles each order once.
 */
package dev.junction.samples.fulfilment;
