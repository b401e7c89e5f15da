package dev.junction.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;

/** LoggedExceptionSecrets with the console as configured: lines in the console pattern. */
@QuarkusTest
class LoggedExceptionSecretsTest extends LoggedExceptionSecrets {

    @Override
    void assertConsoleShowsTheException(String console) {
        assertThat(console).contains(
                "java.lang.IllegalStateException: Pricing backend http://svc:xxxxxx@localhost:1/prices",
                "Caused by: java.net.URISyntaxException: Illegal character in query",
                "\tat java.base/java.net.URI.create(");
    }
}
