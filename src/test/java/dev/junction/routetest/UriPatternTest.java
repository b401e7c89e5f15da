package dev.junction.routetest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Patterns as routes/tests/README.md describes them: Camel's own, plus * anywhere and the decoded URI. */
class UriPatternTest {

    @ParameterizedTest(name = "{1} matches {0}: {2}")
    @CsvSource(delimiterString = " | ", value = {
            // Camel's syntax: exact (options in any order), trailing *, regular expression
            "kafka://orders.express                  | kafka:orders.express                  | true",
            "kafka://orders.express?acks=all&a=b     | kafka:orders.express?a=b&acks=all     | true",
            "kafka://orders.express                  | kafka:orders.express2                 | false",
            "kafka://orders.express                  | kafka:*                               | true",
            "kafka://orders.express                  | kafka:orders.*                        | true",
            "kafka://orders.express                  | kafka:orders\\.(express|standard)      | true",
            "kafka://orders.dlq                      | kafka:orders\\.(express|standard)      | false",
            // * anywhere
            "http://127.0.0.1:8081/inventory/reservations?httpMethod=POST | http*://*/reservations* | true",
            "http://127.0.0.1:8081/inventory/stock:bulk                   | http*://*/reservations* | false",
            "https://inventory.internal/api/reservations                  | http*://inventory*      | true",
            // decoded, as written in the route
            "sql://INSERT%20INTO%20t%20(id)%20VALUES%20(:%23id)?noop=true | sql:INSERT INTO t (* | true",
            "sql://INSERT%20INTO%20t_line%20(id)?batch=true               | sql:INSERT INTO t (* | false" })
    void matches(String uri, String pattern, boolean matches) {
        assertThat(new UriPattern(pattern).matches(uri)).isEqualTo(matches);
    }
}
