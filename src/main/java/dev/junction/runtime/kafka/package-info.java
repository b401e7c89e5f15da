/**
 * Kafka: the security settings of Camel's clients, offset commits after handling, and the publisher routes
 * send to ({@code direct:publish-order}) that answers where the record landed.
 */
package dev.junction.runtime.kafka;
