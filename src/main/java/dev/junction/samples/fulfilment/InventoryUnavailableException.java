package dev.junction.samples.fulfilment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The inventory service could not give an answer (5xx, or a success without a reservation): a technical failure,
 * so the reservation is retried and counts against the circuit breaker. A 4xx is an answer, and is never this.
 */
@RegisterForReflection // raised by the YAML throwException step, which instantiates it reflectively
public class InventoryUnavailableException extends RuntimeException {

    public InventoryUnavailableException(String message) {
        super(message);
    }
}
