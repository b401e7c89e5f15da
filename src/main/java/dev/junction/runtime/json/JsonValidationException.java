package dev.junction.runtime.json;

import java.util.List;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A payload that is not acceptable: either not JSON at all, or JSON that breaks its schema. Carries one entry per
 * problem so the caller can be told exactly which fields to fix.
 */
@RegisterForReflection // named in YAML onException clauses, so loaded by name
public class JsonValidationException extends RuntimeException {

    /** One problem: {@code field} is a JSON Pointer (RFC 6901) into the payload, empty for the document itself. */
    public record FieldError(String field, String message) {
    }

    private final String title;
    private final List<FieldError> errors;

    public JsonValidationException(String title, List<FieldError> errors) {
        super(title + ": "
                + errors.stream().map(e -> (e.field().isEmpty() ? "(document)" : e.field()) + " " + e.message())
                        .collect(Collectors.joining("; ")));
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
