package dev.junction.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits on what the application's ObjectMapper (schema validation, the JSON data format, problem bodies) reads
 * from untrusted JSON, tighter than Jackson's defaults (1000 levels deep, 20 MB strings): a payload past them is
 * refused as not acceptable JSON (400) before anything else reads it.
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
    }
}
