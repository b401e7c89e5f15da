/**
 * The embedded Kafka broker of {@code junction.embedded=true} (Kafka's own KRaft server), started when no
 * broker is configured. JVM only; left out of native images.
 */
package dev.junction.runtime.kafka.embedded;
