/**
 * Correlation ids: taken from HTTP requests and Kafka records or made up, kept on the exchange, put in the
 * logging MDC and on every record and call Junction makes.
 */
package dev.junction.runtime.correlation;
