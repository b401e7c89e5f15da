package dev.junction.runtime.console;

import static dev.junction.testing.DeadLetters.OPERATOR_NAME;
import static dev.junction.testing.DeadLetters.PATH;
import static dev.junction.testing.KafkaTopics.STANDARD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RedirectConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.junction.testing.Chromium;
import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.FailingOrders;
import dev.junction.testing.Inventory;
import dev.junction.testing.KafkaTopics;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * The operator console in a real browser (headless Chromium) against the running application, its real Kafka,
 * PostgreSQL and inventory server: signing in, reading the routes and the topology, and repairing an order that
 * really failed, as the person on call would. Screenshots of each page go to target/console-screenshots/.
 */
@QuarkusTest
class ConsoleBrowserTest {

    @Inject
    KafkaTopics topics;

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    Rows rows;

    @Inject
    DeadLetters deadLetters;

    Chromium browser;

    @BeforeEach
    void start() {
        browser = Chromium.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOperatorFindsAFailedOrderFixesItsBodyAndReplaysItUntilItIsFulfilled() {
        String deadLetterId = poisonRecord();
        String orderId = Orders.newId();

        browser.open(console.toString());
        browser.signIn("key", Clients.OPERATOR_KEY);
        browser.awaitText(By.id("who"), "testoperator (operator)");
        browser.await(By.cssSelector("#routes-table tr[data-route='fulfil-order']"));
        browser.await(By.cssSelector("#readiness table"));
        browser.awaitText(By.id("versions"), "4.17.0");
        browser.screenshot("1-overview");

        browser.open(console + "#/dead-letters?route=fulfil-order&status=PENDING");
        WebElement row = browser.await(By.cssSelector("#dead-letter-table tr[data-id='" + deadLetterId + "']"));
        assertThat(row.getText()).contains("PENDING");
        browser.screenshot("3-dead-letters");
        row.findElement(By.tagName("a")).click();

        WebElement body = browser.await(By.id("dead-letter-body"));
        assertThat(body.getAttribute("value")).isEqualTo("{\"orderId\": oops");
        browser.awaitText(By.id("dead-letter-exception"), "Exception");
        body.clear();
        body.sendKeys(Orders.withSkus(orderId, Orders.newSku()));
        browser.screenshot("4-dead-letter-fixed");
        browser.await(By.id("replay")).click();

        browser.awaitText(By.id("banner"), "Replay REPLAYED");
        browser.awaitText(By.id("dead-letter-replays"), "REPLAYED");
        browser.screenshot("5-dead-letter-replayed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                rows.count("SELECT COUNT(*) FROM fulfilment_order WHERE order_id = ?", orderId)).isOne());
        assertThat(deadLetters.get(deadLetterId).getList("replays.edited")).containsExactly(true);
    }

    @Test
    void aFilteredSetIsReplayedAsABackgroundJobWithItsProgressAndTheAuditSaysWhoStartedIt() {
        OffsetDateTime start = OffsetDateTime.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        String sku = Orders.newSku();
        FailingOrders failing = new FailingOrders(topics, Inventory.ofApplication(), deadLetters);
        String first = Orders.newId();
        String second = Orders.newId();
        failing.deadLetter(first, sku);
        failing.deadLetter(second, sku);
        failing.fix(sku, "R-console");

        browser.open(console + "#/dead-letters?route=fulfil-order&status=PENDING&exception=InventoryUnavailable&from="
                + URLEncoder.encode(start.toString(), StandardCharsets.UTF_8));
        browser.signIn("key", Clients.OPERATOR_KEY);
        browser.awaitText(By.id("main"), "2 match.");
        browser.await(By.id("replay-matching")).click();

        browser.awaitText(By.id("replay-job-status"), "DONE, 2 of 2 done (2 replayed");
        // The list is drawn again when the job ends: none of the pending letters is left.
        browser.awaitText(By.id("main"), "0 match.");
        browser.screenshot("9-replay-job");
        for (String orderId : new String[] { first, second }) {
            assertThat(rows.query("SELECT status, reservation_id FROM fulfilment_order_line WHERE order_id = ?",
                    orderId)).containsExactly(Map.of("status", "RESERVED", "reservation_id", "R-console"));
        }

        browser.open(console + "#/audit");
        browser.awaitText(By.id("audit"), "start-replay-job");
        assertThat(browser.await(By.cssSelector("#audit tr:nth-child(2)")).getText())
                .contains(OPERATOR_NAME, "start-replay-job");
        browser.screenshot("10-audit");
    }

    @Test
    void theTopologyIsDrawnFromTheLiveRoutesAndLeadsToARoutesFileAndSteps() {
        browser.open(console + "#/topology");
        browser.signIn("key", Clients.OPERATOR_KEY);
        // Signing in leads on to the page that was asked for.
        browser.await(By.id("topology-svg"));
        // The intake's HTTP path feeds its route; the standard lane's topic connects intake and fulfilment.
        assertThat(browser.all(By.cssSelector("g[data-node='route:fulfil-order']"))).hasSize(1);
        assertThat(browser.all(By.cssSelector("g[data-node='kafka:orders.standard']"))).hasSize(1);
        assertThat(browser.all(By.cssSelector("g[data-node='sql:fulfilment_order']"))).hasSize(1);
        assertThat(browser.all(By.cssSelector("g[data-node^='route:list-']"))).isEmpty();
        browser.screenshot("2-topology");

        browser.await(By.cssSelector("g[data-node='route:fulfil-order']")).click();
        browser.awaitText(By.id("route-source"), "id: fulfil-order");
        assertThat(browser.pageSource()).contains("routes/order-fulfilment.yaml");
        browser.screenshot("6-route");

        browser.open(console + "#/reloads");
        browser.awaitText(By.id("route-files"), "order-fulfilment.yaml");
        browser.screenshot("7-reloads");
    }

    @Test
    void aViewerSeesTheDeadLetterButCannotReplayIt() {
        String deadLetterId = poisonRecord();

        browser.open(console.toString());
        browser.signIn("bearer", Clients.token("ops-viewer", "viewer"));
        browser.awaitText(By.id("who"), "ops-viewer (viewer)");
        browser.open(console + "#/dead-letters/" + deadLetterId);
        WebElement replay = browser.await(By.id("replay"));
        assertThat(replay.isEnabled()).isFalse();
        assertThat(browser.await(By.id("discard")).isEnabled()).isFalse();

        // Past the disabled button, the operations API itself refuses: the console is not what protects the store.
        browser.script("const b = document.getElementById('replay'); b.disabled = false; b.click();");
        browser.awaitText(By.id("banner"), "Replay refused");
        browser.screenshot("8-viewer-refused");
        assertThat(deadLetters.get(deadLetterId).getString("status")).isEqualTo("PENDING");
    }

    @Test
    void withoutCredentialsThereIsTheLoginPageAndNoData() {
        String deadLetterId = poisonRecord();

        browser.open(console + "#/dead-letters/" + deadLetterId);
        browser.await(By.id("login-form"));
        assertThat(browser.all(By.id("dead-letter-body"))).isEmpty();
        assertThat(browser.pageSource()).doesNotContain("oops");
        browser.screenshot("0-login");

        browser.signIn("key", "not-a-key");
        browser.awaitText(By.id("login-error"), "was not accepted");

        // What the page calls answers nothing without a key, and the page itself carries no data and no way out.
        given().when().get(PATH + "/" + deadLetterId).then().statusCode(401);
        given().when().get("/console/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .body(containsString("console.js"));
        given().config(io.restassured.RestAssured.config().redirect(RedirectConfig.redirectConfig()
                .followRedirects(false))).when().get("/console").then().statusCode(302)
                .header("Location", equalTo("/console/"));
    }

    /** A record on the standard lane that is not JSON: fulfilment gives up on it at once and keeps it. */
    private String poisonRecord() {
        String key = "console-" + Orders.newId();
        topics.send(STANDARD, null, key, "{\"orderId\": oops");
        return deadLetters.awaitForKey(key);
    }
}
