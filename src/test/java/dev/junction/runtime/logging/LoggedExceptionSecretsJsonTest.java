package dev.junction.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.junction.testing.ProductionTelemetry;

/**
 * LoggedExceptionSecrets with the console writing JSON lines, as in production (QUARKUS_LOG_CONSOLE_JSON_ENABLED=true):
 * the console filter applies to them as well, and their exception fields, detailed and formatted, come out masked.
 */
@QuarkusTest
@TestProfile(ProductionTelemetry.class)
class LoggedExceptionSecretsJsonTest extends LoggedExceptionSecrets {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    void assertConsoleShowsTheException(String console) {
        JsonNode line;
        try {
            line = JSON.readTree(console);
        } catch (Exception e) {
            throw new AssertionError("Not a JSON line: " + console, e);
        }
        JsonNode exception = line.path("exception");
        // The masked copy's class; its message begins with the original's.
        assertThat(exception.path("exceptionType").asText()).isEqualTo(MaskedThrowable.class.getName());
        assertThat(exception.path("message").asText())
                .startsWith("java.lang.IllegalStateException: Pricing backend http://svc:xxxxxx@localhost:1/prices");
        assertThat(exception.path("frames").findValuesAsText("class"))
                .contains("org.apache.camel.component.direct.DirectProducer", LoggedExceptionSecrets.class.getName());
        JsonNode cause = exception.path("causedBy").path("exception");
        assertThat(cause.path("message").asText())
                .startsWith("java.lang.IllegalArgumentException: Illegal character in query");
        JsonNode rootCause = cause.path("causedBy").path("exception");
        assertThat(rootCause.path("message").asText())
                .startsWith("java.net.URISyntaxException: Illegal character in query");
        assertThat(rootCause.path("frames").findValuesAsText("class")).contains("java.net.URI");
        assertThat(line.path("stackTrace").asText()).contains(
                "java.lang.IllegalStateException: Pricing backend http://svc:xxxxxx@localhost:1/prices",
                "Caused by: java.net.URISyntaxException: Illegal character in query",
                "\tat java.base/java.net.URI.create(");
    }
}
