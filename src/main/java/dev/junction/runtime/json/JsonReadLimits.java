package dev.junction.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the application's ObjectMapper (schema validation, the JSON data format, the operations API, problem bodies)
 * accepts from untrusted JSON: limits tighter than Jackson's defaults (1000 levels deep, 20 MB strings), and strict
 * parsing. Jackson otherwise reads the first value of {@code {...} GARBAGE} or of two documents back to back and
 * ignores the rest, and lets the last of two equal keys win ({@code "method":"bogus","method":"express"}), so the
 * document validated was not the text that was published. A payload breaking any of it is refused as not acceptable
 * JSON (400) before anything else reads it.
 */
@Singleton
public class JsonReadLimits implements ObjectMapperCustomizer {

    private final int maxNestingDepth;
    private final int maxStringLength;
    private final int maxNumberLength;

    public JsonReadLimits(@ConfigProperty(name = "junction.json.max-nesting-depth") int maxNestingDepth,
            @ConfigProperty(name = "junction.json.max-string-length") int maxStringLength,
            @ConfigProperty(name = "junction.json.max-number-length") int maxNumberLength) {
        this.maxNestingDepth = maxNestingDepth;
        this.maxStringLength = maxStringLength;
        this.maxNumberLength = maxNumberLength;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Why a payload was refused, in the caller's terms rather than Jackson's class and feature names. */
    public static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (message.contains("nesting depth")) {
                return "the document is nested too deeply" + where;
            }
            if (message.contains("String value length")) {
                return "a string is too long" + where;
            }
            if (message.contains("Number value length")) {
                return "a number has too many digits" + where;
            }
            return "the document is too large" + where;
        }
        if (e instanceof MismatchedInputException && message.startsWith("Trailing token")) {
            return "unexpected data after the JSON document" + where + ": send exactly one JSON value";
        }
        if (message.startsWith("Duplicate field")) {
            return "duplicate key " + message.substring("Duplicate field ".length()) + where
                    + ": each key may appear once per object";
        }
        int detail = message.indexOf("\n at [Source");
        return "malformed JSON" + where + ": " + (detail > 0 ? message.substring(0, detail) : message);
    }
}
