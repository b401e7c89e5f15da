package dev.junction.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.json.runtime.JsonFormatter;
import org.apache.kafka.common.KafkaException;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.formatters.StructuredFormatter;
import org.junit.jupiter.api.Test;

class SecretMaskingFilterTest {

    /** What failedCall()'s exceptions quote: a URI password, a password parameter, configured secrets. */
    private static final List<String> SECRETS = List.of("pa55-top", "query-pass", "db-pass", "webhook-secret-1",
            "outbound-secret");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretMaskingFilter filter = new SecretMaskingFilter(
            Optional.of(List.of("webhook-secret-1", "webhook-secret-2", "short")), Optional.of("outbound-secret"));

    @Test
    void aLineQuotingAUriWithCredentialsIsMasked() {
        // As Camel's DeadLetterChannel wrote it when a request's path reached an http endpoint with a password query.
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Failed delivery for (MessageId: 1). On delivery attempt:"
                + " 0 caught: java.lang.IllegalArgumentException: Invalid url: /a/b?password={0}. Endpoint: {1}",
                ExtLogRecord.FormatStyle.MESSAGE_FORMAT, SecretMaskingFilterTest.class.getName());
        record.setParameters(new Object[] { "qp-123", "http://svc:pa55@localhost:1/prices" });

        assertThat(filter.isLoggable(record)).isTrue();

        // Camel's masking takes a password parameter's value to the next & or the end: safe, if thorough.
        assertThat(record.getFormattedMessage()).doesNotContain("qp-123").doesNotContain("pa55")
                .contains("Invalid url: /a/b?password=xxxxxx");
        assertThat(filter.mask("calling http://svc:pa55@localhost:1/prices failed"))
                .isEqualTo("calling http://svc:xxxxxx@localhost:1/prices failed");
    }

    @Test
    void configuredSecretsAreMaskedAndOtherLinesLeftAlone() {
        assertThat(filter.mask("signed with webhook-secret-2 and outbound-secret"))
                .isEqualTo("signed with xxxxxx and xxxxxx");
        assertThat(filter.mask("a short secret is not masked: it could be any word")).contains("short");
        ExtLogRecord plain = new ExtLogRecord(Level.INFO, "Order {0} accepted", ExtLogRecord.FormatStyle.MESSAGE_FORMAT,
                SecretMaskingFilterTest.class.getName());
        plain.setParameters(new Object[] { "o-1" });
        filter.isLoggable(plain);
        assertThat(plain.getMessage()).isEqualTo("Order {0} accepted");
        assertThat(plain.getFormattedMessage()).isEqualTo("Order o-1 accepted");
    }

    @Test
    void everyUriPasswordOfALineIsMasked() {
        // Camel's masking alone took the last URI of a line only.
        assertThat(filter.mask("jdbc:postgresql://junction:pw-one@db/junction failed, then ftp://ftp:pw-two@files:21"
                + " and redis://:pw-three@cache"))
                .isEqualTo("jdbc:postgresql://junction:xxxxxx@db/junction failed, then ftp://ftp:xxxxxx@files:21"
                        + " and redis://:xxxxxx@cache");
        // Ports are not passwords.
        assertThat(filter.mask("http://localhost:8080/api and https://host:8443/x"))
                .isEqualTo("http://localhost:8080/api and https://host:8443/x");
    }

    @Test
    void quotedPasswordsOfAJaasConfigurationAreMasked() {
        assertThat(filter.mask("sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"junction\" password=\"kafka-pw\"; and oauth.client.secret = \"oauth-pw\""))
                .isEqualTo("sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"junction\" password=\"xxxxxx\"; and oauth.client.secret = \"xxxxxx\"");
    }

    @Test
    void aKafkaClientErrorQuotingItsJaasConfigurationIsLoggedMasked() {
        KafkaException thrown = new KafkaException("Failed to construct kafka producer", new IllegalArgumentException(
                "Login module not specified in JAAS config: username=\"junction\" password=\"kafka-pw\";"));
        ExtLogRecord record = record(thrown);

        filter.isLoggable(record);

        assertThat(consoleFormatter().format(record)).doesNotContain("kafka-pw").contains(
                "org.apache.kafka.common.KafkaException: Failed to construct kafka producer",
                "Caused by: java.lang.IllegalArgumentException: Login module not specified in JAAS config:"
                        + " username=\"junction\" password=\"xxxxxx\";");
    }

    @Test
    void aLoggedExceptionChainCarryingSecretsPrintsAsBeforeButMasked() throws Exception {
        Throwable thrown = failedCall();
        ExtLogRecord record = record(thrown);
        String console = consoleFormatter().format(record);
        String stackTrace = printed(thrown);

        assertThat(filter.isLoggable(record)).isTrue();

        Throwable masked = record.getThrown();
        assertThat(masked).isNotSameAs(thrown);
        // The console line is the very line it was, the secrets aside.
        assertThat(consoleFormatter().format(record)).isEqualTo(withoutSecrets(console))
                .contains("java.lang.IllegalStateException: Pricing backend http://svc:xxxxxx@localhost:1/prices",
                        "Caused by: java.io.IOException: POST http://localhost:1/prices?client=c&password=xxxxxx&",
                        "Caused by: java.sql.SQLException: connect to jdbc:postgresql://junction:xxxxxx@db:5432/",
                        "Suppressed: java.lang.IllegalArgumentException: rejected signature xxxxxx",
                        "\tat dev.junction.runtime.logging.SecretMaskingFilterTest.failedCall(",
                        "\tat dev.junction.runtime.logging.SecretMaskingFilterTest.connect(",
                        "more");
        assertThat(printed(masked)).isEqualTo(withoutSecrets(stackTrace));
        for (String secret : SECRETS) {
            assertThat(printed(masked)).doesNotContain(secret);
        }
        // The same structure: frames, causes, suppressed exceptions.
        assertThat(masked.getStackTrace()).isEqualTo(thrown.getStackTrace());
        assertThat(masked.getCause().getStackTrace()).isEqualTo(thrown.getCause().getStackTrace());
        assertThat(masked.getCause().getCause().getStackTrace())
                .isEqualTo(thrown.getCause().getCause().getStackTrace());
        assertThat(masked.getCause().getCause().getCause()).isNull();
        assertThat(masked.getSuppressed()).hasSize(1);
    }

    @Test
    void jsonLinesReportAMaskedExceptionWithItsClassMessageFramesAndCauses() throws Exception {
        Throwable thrown = failedCall();
        ExtLogRecord record = record(thrown);
        JsonFormatter json = new JsonFormatter();
        // Both of quarkus.log.console.json.exception-output-type's parts: "detailed" (the default) and "formatted".
        json.setExceptionOutputType(StructuredFormatter.ExceptionOutputType.DETAILED_AND_FORMATTED);
        JsonNode before = JSON.readTree(json.format(record));

        filter.isLoggable(record);

        String line = json.format(record);
        for (String secret : SECRETS) {
            assertThat(line).doesNotContain(secret);
        }
        JsonNode after = JSON.readTree(line);
        assertThat(after.path("stackTrace").asText()).isEqualTo(withoutSecrets(before.path("stackTrace").asText()));
        JsonNode exception = after.path("exception");
        assertThat(exception.path("exceptionType").asText()).isEqualTo(MaskedThrowable.class.getName());
        assertThat(exception.path("message").asText())
                .isEqualTo("java.lang.IllegalStateException: Pricing backend http://svc:xxxxxx@localhost:1/prices"
                        + " failed");
        assertThat(exception.path("frames")).isEqualTo(before.path("exception").path("frames"));
        JsonNode cause = exception.path("causedBy").path("exception");
        assertThat(cause.path("message").asText())
                .isEqualTo("java.io.IOException: POST http://localhost:1/prices?client=c&password=xxxxxx&retry=1"
                        + " failed");
        assertThat(cause.path("causedBy").path("exception").path("message").asText())
                .startsWith("java.sql.SQLException: connect to jdbc:postgresql://junction:xxxxxx@db");
        assertThat(exception.path("suppressed").get(0).path("message").asText())
                .isEqualTo("java.lang.IllegalArgumentException: rejected signature xxxxxx");
    }

    @Test
    void aLoggedExceptionWithoutSecretsIsKeptAsItIs() {
        // A cycle too, which the check must not follow forever.
        RuntimeException thrown = causeCycle("Calling http://localhost:1/prices failed",
                "Connection refused: localhost:1");
        ExtLogRecord record = record(thrown);

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getThrown()).isSameAs(thrown);
    }

    @Test
    void causeCyclesAreCopiedAsCycles() {
        RuntimeException first = causeCycle("signing with outbound-secret failed", "retrying");
        ExtLogRecord record = record(first);
        String stackTrace = printed(first);

        filter.isLoggable(record);

        Throwable masked = record.getThrown();
        assertThat(masked.getCause().getCause()).isSameAs(masked);
        assertThat(printed(masked)).isEqualTo(withoutSecrets(stackTrace))
                .contains("[CIRCULAR REFERENCE: java.lang.RuntimeException: signing with xxxxxx failed]");
        assertThat(consoleFormatter().format(record)).doesNotContain("outbound-secret")
                .contains("Caused by: java.lang.IllegalStateException: retrying");
    }

    @Test
    void aSecretOnlyInTheMessageOfAnExceptionThatLeavesItOutOfToStringIsMaskedToo() {
        // JSON lines print getMessage() beside the class, even when toString() would not show it.
        RuntimeException thrown = new RuntimeException("token webhook-secret-1") {

            @Override
            public String toString() {
                return "QuietException";
            }
        };
        ExtLogRecord record = record(thrown);

        filter.isLoggable(record);

        assertThat(record.getThrown()).isNotSameAs(thrown).hasToString("QuietException");
        assertThat(new JsonFormatter().format(record)).doesNotContain("webhook-secret-1");
    }

    /** As a client library fails: its own exception, quoting what it was given, over a cause and a cleanup failure. */
    private static Throwable failedCall() {
        try {
            connect();
            throw new AssertionError("connect() throws");
        } catch (IOException e) {
            IllegalStateException failure = new IllegalStateException(
                    "Pricing backend http://svc:pa55-top@localhost:1/prices failed", e);
            failure.addSuppressed(new IllegalArgumentException("rejected signature webhook-secret-1"));
            return failure;
        }
    }

    private static void connect() throws IOException {
        try {
            throw new SQLException("connect to jdbc:postgresql://junction:db-pass@db:5432/junction refused,"
                    + " signed outbound-secret");
        } catch (SQLException e) {
            throw new IOException("POST http://localhost:1/prices?client=c&password=query-pass&retry=1 failed", e);
        }
    }

    /** A RuntimeException whose cause, an IllegalStateException, has it as its own cause in turn. */
    private static RuntimeException causeCycle(String message, String causeMessage) {
        IllegalStateException cause = new IllegalStateException(causeMessage);
        RuntimeException thrown = new RuntimeException(message, cause);
        cause.initCause(thrown);
        return thrown;
    }

    private static ExtLogRecord record(Throwable thrown) {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "Failed delivery", ExtLogRecord.FormatStyle.NO_FORMAT,
                SecretMaskingFilterTest.class.getName());
        record.setLoggerName("org.apache.camel.processor.errorhandler.DefaultErrorHandler");
        record.setThrown(thrown);
        return record;
    }

    /** The console's formatter as Junction configures it (quarkus.log.console.format). */
    private static PatternFormatter consoleFormatter() {
        Properties config = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new PatternFormatter(config.getProperty("quarkus.log.console.format"));
    }

    private static String printed(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** The text as the filter should leave it: each secret as Camel's URI masking or the configured secrets mask it. */
    private static String withoutSecrets(String text) {
        String masked = text;
        for (String secret : SECRETS) {
            masked = masked.replace(secret, SecretMaskingFilter.MASK);
        }
        return masked;
    }
}
