package dev.junction.runtime.deadletter;

/**
 * A stored dead letter's message cannot be decrypted: altered, moved from another row, or its key is no longer
 * configured. Never a garbled message instead.
 */
public class DeadLetterDecryptionException extends IllegalStateException {

    public DeadLetterDecryptionException(String message) {
        super(message);
    }
}
