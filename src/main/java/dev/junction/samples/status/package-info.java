/**
 * Sample order status (routes/order-status.yaml): where an order is, answered from the rows order fulfilment
 * wrote.
 */
package dev.junction.samples.status;
