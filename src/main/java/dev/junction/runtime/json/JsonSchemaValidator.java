package dev.junction.runtime.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.junction.runtime.json.JsonValidationException.FieldError;

/**
 * Validates JSON payloads against JSON Schemas (draft 2020-12 unless the schema says otherwise) kept as files in
 * {@code junction.schemas.dir}, so an integration's contract ships beside its routes and changes without a rebuild.
 * <p>
 * Routes call it as a bean: {@code bean: {ref: jsonSchema, method: "validate(${body}, 'order.schema.json')"}}.
 * A payload that is not JSON, or breaks the schema, raises {@link JsonValidationException}; otherwise the message
 * goes on unchanged. Stands in for camel-quarkus-json-validator, whose jars (3.8.0, 3.31.0) the build machines' Maven
 * repository lacks, and wraps the same library.
 */
@Singleton // no client proxy: routes invoke its methods reflectively, and the proxy's would be unregistered in native
@Named("jsonSchema")
@RegisterForReflection
public class JsonSchemaValidator {

    private final ObjectMapper mapper;
    private final Path schemaDir;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER)
            .regularExpressionFactory(new EcmaAnchors()).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    public JsonSchemaValidator(ObjectMapper mapper,
            @ConfigProperty(name = "junction.schemas.dir", defaultValue = "config/schemas") Path schemaDir) {
        this.mapper = mapper;
        this.schemaDir = schemaDir;
    }

    public void validate(String body, String schemaFile) {
        JsonNode document = parse(body);
        Set<ValidationMessage> violations = schema(schemaFile).validate(document);
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream().map(JsonSchemaValidator::toFieldError)
                    .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message)).toList();
            throw new JsonValidationException("The request body does not match its schema", errors);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new JsonValidationException("The request body is empty",
                    List.of(new FieldError("", "a JSON document is required")));
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new JsonValidationException("The request body is not valid JSON",
                    List.of(new FieldError("", JsonReadLimits.describe(e))));
        }
    }

    private static FieldError toFieldError(ValidationMessage violation) {
        String location = violation.getInstanceLocation().toString();
        // "required" reports the object that lacks the property; name the missing field itself.
        if ("required".equals(violation.getType()) && violation.getProperty() != null) {
            return new FieldError(location + "/" + violation.getProperty(), "is required");
        }
        return new FieldError(location, violation.getError());
    }

    private JsonSchema schema(String schemaFile) {
        return schemas.computeIfAbsent(schemaFile, this::load);
    }

    private JsonSchema load(String schemaFile) {
        Path file = schemaDir.resolve(schemaFile).normalize();
        if (!file.startsWith(schemaDir.normalize())) {
            throw new IllegalArgumentException("Schema " + schemaFile + " is outside " + schemaDir);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return factory.getSchema(in, config);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("JSON Schema " + file.toAbsolutePath() + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read JSON Schema " + file.toAbsolutePath(), e);
        }
    }
}
