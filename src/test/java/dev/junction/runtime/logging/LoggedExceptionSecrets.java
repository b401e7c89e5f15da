package dev.junction.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import dev.junction.testing.CapturedLogs;

/**
 * A failure whose exception, and every cause of it, quotes a URI password and the signing secret is logged with its
 * stack trace by Camel's stock error handler while every log record is captured: the exception, its causes and frames
 * are in the log, the secrets are not, whether the line is formatted as the running console formats it, with the
 * console pattern or as a JSON line. Run by LoggedExceptionSecretsTest (console lines as configured) and
 * LoggedExceptionSecretsJsonTest (JSON console lines).
 */
abstract class LoggedExceptionSecrets {

    /** %test.junction.webhooks.outbound-secret */
    static final String OUTBOUND_SECRET = "test-outbound-secret";

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Test
    void aLoggedStackTraceQuotingSecretsShowsThemMasked() throws Exception {
        String uriPassword = "pa55-" + UUID.randomUUID();
        // The space makes the JDK refuse the URI, and quote all of it, credentials and signature included.
        String backend = "http://svc:" + uriPassword + "@localhost:1/prices?sig=" + OUTBOUND_SECRET + " now";
        camel.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:test-stack-leak").routeId("test-stack-leak")
                        .description("Calls a backend whose URI, credentials in it, is broken")
                        // Camel's default error handler logs a failure it gives up on with its stack trace.
                        .errorHandler(defaultErrorHandler())
                        .process(exchange -> {
                            try {
                                URI.create(backend);
                            } catch (IllegalArgumentException e) {
                                throw new IllegalStateException("Pricing backend " + backend + " is misconfigured", e);
                            }
                        });
            }
        });
        // Under the supervising route controller, whoever adds a route while Junction runs starts it.
        camel.getRouteController().startRoute("test-stack-leak");
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThatThrownBy(() -> producer.sendBody("direct:test-stack-leak", "{}"))
                    .isInstanceOf(CamelExecutionException.class).hasRootCauseInstanceOf(URISyntaxException.class);

            List<CapturedLogs.Line> stackTraces = logs.lines().stream().filter(line -> line.record().getThrown() != null
                    && line.message().contains("Pricing backend")).toList();
            assertThat(stackTraces).as("lines with a stack trace").singleElement().satisfies(line -> {
                assertThat(line.formatted()).contains(
                        "java.lang.IllegalStateException: Pricing backend http://svc:xxxxxx@localhost:1/prices",
                        "Caused by: java.lang.IllegalArgumentException: Illegal character in query",
                        "Caused by: java.net.URISyntaxException: Illegal character in query",
                        "\tat java.base/java.net.URI.create(",
                        "\tat " + LoggedExceptionSecrets.class.getName());
                assertThat(line.json()).contains("java.lang.IllegalStateException: Pricing backend",
                        "java.net.URISyntaxException: Illegal character in query", "\"class\":\"java.net.URI\"");
                assertConsoleShowsTheException(line.console());
            });
            for (CapturedLogs.Line line : logs.lines()) {
                for (String secret : List.of(uriPassword, OUTBOUND_SECRET)) {
                    assertThat(line.console()).as("console line").doesNotContain(secret);
                    assertThat(line.formatted()).as("log line").doesNotContain(secret);
                    assertThat(line.json()).as("JSON log line").doesNotContain(secret);
                }
            }
        } finally {
            camel.getRouteController().stopRoute("test-stack-leak");
            camel.removeRoute("test-stack-leak");
        }
    }

    /** The stack trace line, as the running console handler formats it. */
    abstract void assertConsoleShowsTheException(String console);
}
