package dev.junction.runtime.startup;

/** A setting Junction cannot run without is not configured; the message names it. */
public class MissingSettingsException extends RuntimeException {

    public MissingSettingsException(String message) {
        super(message, null, false, false);
    }
}
