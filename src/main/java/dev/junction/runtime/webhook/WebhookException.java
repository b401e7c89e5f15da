package dev.junction.runtime.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A webhook request answered with an error status and a problem body ({@link WebhookProblems}). */
@RegisterForReflection // named in a YAML onException clause, so loaded by name
public class WebhookException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    public WebhookException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
