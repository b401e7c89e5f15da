package dev.junction.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

/** Skipping Camel's masking where it could change nothing gives what Camel's masking gives. */
class UriSecretsTest {

    @Test
    void masksWhatCamelMasksAndPassesTheRestUnchanged() {
        List<String> texts = List.of(
                "kafka:orders?brokers=b:9092&saslJaasConfig=RAW(secret-jaas)&groupId=g",
                "sql:select 1?dataSource=#ds&password=s3cret",
                "https://user:s3cret@inventory.example/reservations",
                "ftp://someone:pw@host/dir?passiveMode=true",
                "java.sql.SQLException: relation \"replay_ledger\" does not exist\n\tat org.postgresql.Foo.bar(Foo.java:12)",
                "key=value without a query",
                "mailto:ops@example.org",
                "");
        for (String text : texts) {
            assertThat(UriSecrets.mask(text)).as(text).isEqualTo(URISupport.sanitizeUri(text));
        }
        assertThat(UriSecrets.mask("sql:select 1?password=s3cret")).doesNotContain("s3cret");
        assertThat(UriSecrets.mask("https://user:s3cret@inventory.example/")).doesNotContain("s3cret");
        assertThat(UriSecrets.mask(null)).isNull();
    }
}
