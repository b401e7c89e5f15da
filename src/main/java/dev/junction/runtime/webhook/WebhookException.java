package dev.junction.runtime.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.junction.runtime.problem.ProblemException;

/** A webhook request answered with an error status and a problem body ({@link WebhookProblems}). */
@RegisterForReflection // named in a YAML onException clause, so loaded by name
public class WebhookException extends ProblemException {

    public WebhookException(int status, String type, String title, String detail) {
        super(status, type, title, detail);
    }
}
