package dev.junction.runtime.logging;

/**
 * Stands in, in a log record, for a throwable whose text carried a secret: it prints as the original did (the
 * formatters print a throwable's toString(), then its frames, "Caused by:" and "Suppressed:"), with the secret masked.
 * Its message is that same text, class name first: JSON log lines report a throwable's class and message apart, and
 * this class's own name would otherwise be all they said of what was thrown.
 */
final class MaskedThrowable extends Throwable {

    private static final long serialVersionUID = 1L;

    private final String text;

    /** @param text what the original's toString() gave, masked */
    MaskedThrowable(String text, StackTraceElement[] frames) {
        super(text);
        this.text = text;
        setStackTrace(frames);
    }

    /** The original's frames are set instead: walking this thread's stack here would only cost time. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String toString() {
        return text;
    }
}
