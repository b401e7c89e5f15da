package dev.junction.runtime.deadletter;

import static dev.junction.testing.DeadLetters.OPERATOR_NAME;
import static dev.junction.testing.DeadLetters.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.junction.testing.AuditLog;
import dev.junction.testing.Clients;
import dev.junction.testing.DeadLetters;
import dev.junction.testing.FailingOrders;
import dev.junction.testing.Orders;
import dev.junction.testing.Rows;

/**
 * Replay jobs, with orders that really failed in fulfilment: a bulk replay taken at once (202), run in the background
 * and watched by polling, each outcome stored as it happens; a job whose replica died is taken over and finished.
 */
@QuarkusTest
class ReplayJobTest {

    static final String JOBS = "/api/ops/replay-jobs";

    @Inject
    Rows rows;

    @Inject
    DeadLetters deadLetters;

    @Inject
    FailingOrders failingOrders;

    @Test
    void aJobReplaysTheFixedOrdersInTheBackgroundAndRecordsEachOutcome() {
        OffsetDateTime from = OffsetDateTime.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        String sku = Orders.newSku();
        List<String> orderIds = List.of(Orders.newId(), Orders.newId(), Orders.newId());
        List<String> ids = orderIds.stream().map(orderId -> failingOrders.deadLetter(orderId, sku)).toList();
        OffsetDateTime to = OffsetDateTime.now().plusSeconds(1);
        failingOrders.fix(sku, "R-job");
        Map<String, Object> filter = Map.of("route", "fulfil-order", "exception", "InventoryUnavailable",
                "from", from.toString(), "to", to.toString());

        Response accepted = operator().body(Map.of("filter", filter)).when().post(JOBS);
        accepted.then().statusCode(202)
                .body("requestedBy", equalTo(OPERATOR_NAME)).body("total", equalTo(3)).body("force", equalTo(false))
                .body("filter.route", equalTo("fulfil-order"))
                .body("filter.status", equalTo("PENDING,REPLAY_FAILED"));
        String jobId = accepted.jsonPath().getString("id");
        assertThat(accepted.header("Location")).isEqualTo(JOBS + "/" + jobId);

        JsonPath job = awaitDone(jobId);
        assertThat(job.getInt("done")).isEqualTo(3);
        assertThat(job.getInt("replayed")).isEqualTo(3);
        assertThat(List.of(job.getInt("replayFailed"), job.getInt("refused"), job.getInt("notFound")))
                .containsOnly(0);
        assertThat(job.getString("startedAt")).isNotNull();
        assertThat(job.getString("finishedAt")).isNotNull();
        // Oldest failure first: the order they failed in.
        assertThat(job.getList("items.deadLetterId")).containsExactlyElementsOf(ids);
        assertThat(job.getList("items.outcome")).containsOnly("REPLAYED");
        for (String orderId : orderIds) {
            assertThat(rows.query("SELECT status, reservation_id FROM fulfilment_order_line WHERE order_id = ?",
                    orderId)).containsExactly(Map.of("status", "RESERVED", "reservation_id", "R-job"));
        }
        for (String id : ids) {
            JsonPath replayed = deadLetters.get(id);
            assertThat(replayed.getString("status")).isEqualTo("REPLAYED");
            assertThat(replayed.getList("replays.by")).containsExactly(OPERATOR_NAME);
        }

        // The same filter again finds none left (it means PENDING and REPLAY_FAILED ones): a job of nothing, done.
        operator().body(Map.of("filter", filter)).when().post(JOBS)
                .then().statusCode(202).body("total", equalTo(0)).body("status", equalTo("DONE"));
        // Named by id, the replayed ones are refused unless forced.
        String byIds = operator().body(Map.of("ids", ids)).when().post(JOBS)
                .then().statusCode(202).body("filter", nullValue()).extract().path("id");
        JsonPath refused = awaitDone(byIds);
        assertThat(refused.getInt("refused")).isEqualTo(3);
        assertThat(refused.getString("items[0].detail")).contains("is REPLAYED; replay it again with force");

        JsonPath recent = operator().when().get(JOBS).then().statusCode(200).extract().jsonPath();
        assertThat(recent.getList("items.id")).startsWith(byIds).contains(jobId);
        assertThat(recent.getMap("items[0]")).doesNotContainKey("items");

        JsonPath audit = AuditLog.latest(20);
        int started = audit.getList("items.target").indexOf(jobId);
        assertThat(audit.getString("items[" + started + "].action")).isEqualTo("start-replay-job");
        assertThat(audit.getString("items[" + started + "].actor")).isEqualTo(OPERATOR_NAME);
        assertThat(audit.getString("items[" + started + "].detail")).contains("\"route\":\"fulfil-order\"")
                .contains("3 dead letter(s)");
    }

    @Test
    void itemsArePagedAndUnknownIdsAreNotFound() {
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID().toString()).toList();
        String jobId = operator().body(Map.of("ids", ids)).when().post(JOBS).then().statusCode(202)
                .extract().path("id");
        awaitDone(jobId);

        JsonPath page = operator().queryParam("offset", 3).queryParam("limit", 10).when().get(JOBS + "/" + jobId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.deadLetterId")).containsExactlyElementsOf(ids.subList(3, 5));
        assertThat(page.getList("items.outcome")).containsOnly("NOT_FOUND");
        assertThat(page.getInt("notFound")).isEqualTo(5);
        assertThat(page.getInt("offset")).isEqualTo(3);
        assertThat(page.getInt("limit")).isEqualTo(10);
    }

    @Test
    void badJobRequestsAreRefusedBeforeAnyJobIsStored() {
        long jobsBefore = rows.count("SELECT COUNT(*) FROM replay_job");
        // The %test profile lowers junction.dead-letter.replay.max-job to 20: 21 ids are one too many.
        List<String> tooMany = IntStream.range(0, 21).mapToObj(i -> "id-" + i).toList();
        operator().body(Map.of("ids", tooMany)).when().post(JOBS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("At most 20 dead letters go into one replay job"))
                .body("detail", containsString("junction.dead-letter.replay.max-job"));
        operator().body(Map.of("filter", Map.of("routee", "fulfil-order"))).when().post(JOBS)
                .then().statusCode(400).body("detail", containsString("Unknown field \"routee\" in filter"));
        operator().body(Map.of("ids", List.of("x"), "dryRun", true)).when().post(JOBS)
                .then().statusCode(400).body("detail", containsString("Unknown field \"dryRun\""));
        operator().body(Map.of("filter", Map.of("status", "LOST"))).when().post(JOBS)
                .then().statusCode(400).body("detail", containsString("status must be one or more"));
        operator().body("{}").when().post(JOBS)
                .then().statusCode(400).body("detail", containsString("\"ids\" (an array) or \"filter\""));
        assertThat(rows.count("SELECT COUNT(*) FROM replay_job")).isEqualTo(jobsBefore);

        operator().when().get(JOBS + "/no-such-job").then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("No such replay job"))
                .body("status", equalTo(404));
        operator().queryParam("limit", 5000).when().get(JOBS + "/no-such-job").then().statusCode(400);
    }

    @Test
    void aViewerReadsJobsAndTheAuditButStartsNothing() {
        String jobId = operator().body(Map.of("ids", List.of(UUID.randomUUID().toString()))).when().post(JOBS)
                .then().statusCode(202).extract().path("id");
        String viewer = Clients.token("ops-viewer", "viewer");

        Clients.withToken(viewer).when().get(JOBS).then().statusCode(200);
        Clients.withToken(viewer).when().get(JOBS + "/" + jobId).then().statusCode(200).body("id", equalTo(jobId));
        Clients.withToken(viewer).contentType(ContentType.JSON).body(Map.of("ids", List.of("x"))).when().post(JOBS)
                .then().statusCode(403).contentType("application/problem+json");
    }

    /**
     * A replica died mid-job: one item done, the next one's letter still REPLAYING under the job's claim (its replay
     * may have run). Another replica (this application, on its next heartbeat) takes the job over, takes the letter
     * back and finishes the job.
     */
    @Test
    void aJobWhoseReplicaDiedIsTakenOverAndGoesOnWithTheLetterItWasOn() {
        String sku = Orders.newSku();
        String orderId = Orders.newId();
        String inHand = failingOrders.deadLetter(orderId, sku);
        failingOrders.fix(sku, "R-resumed");
        OffsetDateTime lastSeen = OffsetDateTime.now().minusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        String jobId = lostJob("RUNNING", lastSeen, 0, inHand);
        // The dead replica's claim is fresh: junction.dead-letter.replay.claim-timeout alone would refuse it for 10m.
        rows.update("UPDATE dead_letter SET status = 'REPLAYING', replay_claim = ?, updated_at = ? WHERE id = ?", jobId,
                OffsetDateTime.now(), inHand);

        JsonPath job = awaitDone(jobId);
        assertThat(job.getInt("resumes")).isEqualTo(1);
        assertThat(job.getList("items.outcome")).containsExactly("REPLAYED", "REPLAYED");
        assertThat(job.getInt("replayed")).isEqualTo(2);
        assertThat(OffsetDateTime.parse(job.getString("startedAt"))).as("the first start is kept")
                .isAtSameInstantAs(lastSeen.minusMinutes(1));
        assertThat(deadLetters.get(inHand).getString("status")).isEqualTo("REPLAYED");
        assertThat(rows.query("SELECT status, reservation_id FROM fulfilment_order_line WHERE order_id = ?", orderId))
                .containsExactly(Map.of("status", "RESERVED", "reservation_id", "R-resumed"));
        assertThat(rows.query("SELECT runner FROM replay_job WHERE id = ?", jobId)).as("held by none once done")
                .containsExactly(Collections.singletonMap("runner", null));
    }

    @Test
    void aJobWhoseReplicasKeptDyingIsInterruptedNotResumedAgain() {
        OffsetDateTime lastSeen = OffsetDateTime.now().minusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        // job-max-resumes is 5: this one was taken over 5 times already.
        String jobId = lostJob("QUEUED", lastSeen, 5, UUID.randomUUID().toString());

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(rows.query("SELECT status FROM replay_job WHERE id = ?", jobId))
                        .containsExactly(Map.of("status", "INTERRUPTED")));
        JsonPath job = operator().when().get(JOBS + "/" + jobId).then().statusCode(200).extract().jsonPath();
        assertThat(OffsetDateTime.parse(job.getString("finishedAt"))).isAtSameInstantAs(lastSeen);
        assertThat(job.getInt("resumes")).isEqualTo(5);
        assertThat(job.getList("items.outcome")).containsExactly("REPLAYED", null);
    }

    /**
     * A job as a replica that died left it: unfinished, its heartbeat old, the first of two items done, the second
     * the given dead letter.
     */
    private String lostJob(String status, OffsetDateTime lastSeen, int resumes, String secondDeadLetter) {
        String id = UUID.randomUUID().toString();
        rows.update("INSERT INTO replay_job (id, status, requested_by, requested_at, started_at, heartbeat_at, force,"
                + " filter, total, runner, resumes) VALUES (?, ?, 'someone', ?, ?, ?, FALSE, NULL, 2, 'a-dead-replica',"
                + " ?)", id, status, lastSeen.minusMinutes(1),
                status.equals("RUNNING") ? lastSeen.minusMinutes(1)
                        : null,
                lastSeen, resumes);
        rows.update("INSERT INTO replay_job_item (job_id, position, dead_letter_id, outcome, detail)"
                + " VALUES (?, 0, ?, 'REPLAYED', 'done before it died')", id, UUID.randomUUID().toString());
        rows.update("INSERT INTO replay_job_item (job_id, position, dead_letter_id) VALUES (?, 1, ?)", id,
                secondDeadLetter);
        return id;
    }

    private static JsonPath awaitDone(String jobId) {
        List<JsonPath> last = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonPath job = operator().when().get(JOBS + "/" + jobId).then().statusCode(200).extract().jsonPath();
            assertThat(job.getString("status")).as("job %s", jobId).isEqualTo("DONE");
            last.clear();
            last.add(job);
        });
        return last.get(0);
    }

}
