package dev.junction.runtime.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Splits a JSON array into the exact text of its elements, for the splitter: {@code split: {method: {ref: jsonArray,
 * method: elements}}}. Cutting the text instead of parsing and re-serialising keeps every element byte for byte as
 * the client sent it (number formats, decimals, key order, escapes), the same as a single posted document.
 */
@Singleton // no client proxy: routes invoke its methods reflectively
@Named("jsonArray")
@RegisterForReflection
public class JsonArrayElements {

    private final ObjectMapper mapper;

    public JsonArrayElements(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The elements of a JSON array document; call it after the document was validated as an array. */
    public List<String> elements(String json) {
        List<String> elements = new ArrayList<>();
        try (JsonParser parser = mapper.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("Not a JSON array");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getCharOffset();
                elements.add(json.substring(start, end));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot split the JSON array", e);
        }
        return elements;
    }
}
