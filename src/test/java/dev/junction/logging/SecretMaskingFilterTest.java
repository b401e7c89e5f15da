package dev.junction.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class SecretMaskingFilterTest {

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
}
