package dev.junction.routetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The route-test runner on real routes (fixtures: src/test/resources/routetest/self-test.test.yaml): a passing case
 * passes, a failing one fails with exactly the message routes/tests/README.md shows, and cases do not see each other's
 * stubs or sends. In the same application as {@link RouteTests}.
 */
@QuarkusTest
@TestProfile(RouteTestProfile.class)
class RouteTestsSelfTest {

    /** The order of the failing fixture as failure messages show bodies: on one line, cut at 120 characters. */
    static final String ORDER_ABBREVIATED = "{\"orderId\":\"st-2\",\"customerId\":\"c-1\",\"currency\":\"EUR\","
            + "\"shipping\":{\"method\":\"express\",\"country\":\"DE\"},\"lines\":[{\"sku\":\"S…";

    @Inject
    CaseCheck cases;

    @Inject
    ObjectMapper mapper;

    RouteTestFile fixtures;

    @BeforeEach
    void readFixtures() {
        fixtures = new TestFileParser(mapper).parse(Path.of("src/test/resources/routetest/self-test.test.yaml"));
    }

    @Test
    void aCaseWhoseExpectationsHoldPasses() throws Exception {
        cases.check(fixture("passes"));
    }

    @Test
    void aCaseWhoseExpectationsDoNotHoldSaysWhatDiffers() {
        // The expected reports are text blocks as the reader sees them; kept as written.
        // @formatter:off
        assertThatThrownBy(() -> cases.check(fixture("fails on purpose")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""
                        4 expectations failed:
                        - response jsonPath $.topic: expected "orders.standard" but was "orders.express"
                        - response header Content-Type: expected "text/plain" but was "application/json"
                        - endpoint kafka:orders.standard*: expected 1 message but received 0
                            sent in this case:
                              #1 direct://publish-order  body %1$s
                              #2 kafka://orders.express  headers {kafka.KEY=st-2, kafka.OVERRIDE_TOPIC=orders.express, X-Correlation-ID=st-2-correlation}  body %1$s
                        - endpoint kafka:orders.express*: message 1 body differs from the expected JSON:
                            $.customerId: expected "c-2" but was "c-1"
                            $.shipping: not expected, but was {"method":"express","country":"DE"}
                            $.lines: not expected, but was [{"sku":"SKU-1","quantity":1,"unitPrice":1.5}]
                            received:
                              #1 kafka://orders.express  headers {kafka.KEY=st-2, kafka.OVERRIDE_TOPIC=orders.express, X-Correlation-ID=st-2-correlation}  body %1$s"""
                        .formatted(ORDER_ABBREVIATED))
                .satisfies(failure -> {
                    AssertionFailedError diff = (AssertionFailedError) failure;
                    assertThat(diff.getExpected().getStringRepresentation()).startsWith("""
                            response jsonPath $.topic: "orders.standard"
                            response header Content-Type: text/plain
                            endpoint kafka:orders.standard*: count: 1
                            endpoint kafka:orders.express*: message 1 body: {""");
                    assertThat(diff.getActual().getStringRepresentation()).startsWith("""
                            response jsonPath $.topic: "orders.express"
                            response header Content-Type: application/json
                            endpoint kafka:orders.standard*: count: 0
                            endpoint kafka:orders.express*: message 1 body: {""");
                });
        // @formatter:on
    }

    @Test
    void aSingleUnmetExpectationIsReportedOnItsOwn() {
        // The expected reports are text blocks as the reader sees them; kept as written.
        // @formatter:off
        assertThatThrownBy(() -> cases.check(fixture("fails on purpose, once")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""
                        response status: expected 400 but was 202
                          body: {"orderId":"st-5","status":"accepted","topic":"orders.express","partition":0,"offset":0}""");
        // @formatter:on
    }

    @Test
    void casesMayShareStubsThroughYamlAnchors() throws Exception {
        cases.check(fixture("stubs shared with a YAML anchor"));
    }

    @Test
    void stubsAndSendsStayWithTheirCase() throws Exception {
        cases.check(fixture("a refused send is retried and dead-lettered"));
        cases.check(fixture("the next case neither sees those sends nor gets that stub"));
    }

    @Test
    void aStubThatCannotAnswerForItsEndpointIsAnErrorInTheTest() {
        assertThatThrownBy(() -> cases.check(fixture("a stub that cannot answer for its endpoint")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("stub \"http\\*://\\*/reservations\\*\" matched"
                        + " http://[^ ]+/inventory/reservations,"
                        + " which answers HTTP errors rather than failing on them \\(throwExceptionOnFailure=false\\):"
                        + " stub the answer instead, reply: \\{ status: 503 \\}");
    }

    @Test
    void aRouteThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> cases.check(fixture("a route that is not there")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("there is no route \"no-such-route\"; the application has: accept-order,"
                        + " accept-order-batch, call-inventory, catalog-import,");
    }

    private RouteTestCase fixture(String name) {
        return fixtures.cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
