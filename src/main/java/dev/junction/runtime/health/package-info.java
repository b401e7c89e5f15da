/**
 * Readiness checks of Junction's own: whether the Kafka cluster answers, with the security settings Camel's
 * Kafka clients use.
 */
package dev.junction.runtime.health;
