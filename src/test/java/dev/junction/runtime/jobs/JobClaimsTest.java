package dev.junction.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.junction.testing.Rows;

/** Job claims against the real database: several replicas firing the same tick, exactly one of them runs it. */
@QuarkusTest
class JobClaimsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JobClaims claims;

    @Test
    void concurrentReplicasClaimEachTickExactlyOnce() throws Exception {
        String job = "claims-test-" + UUID.randomUUID().toString().substring(0, 8);
        new Rows(dataSource).update("INSERT INTO job_claim (job, last_tick) VALUES (?, ?)", job,
                OffsetDateTime.parse("1970-01-01T00:00:00Z"));
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        try {
            for (int t = 0; t < 50; t++) {
                OffsetDateTime tick = OffsetDateTime.parse("2026-01-01T00:00:00Z").plusMinutes(t);
                List<Callable<Boolean>> fire = new ArrayList<>();
                for (String replica : List.of("a", "b", "c")) {
                    fire.add(() -> {
                        boolean won = claims.claim(job, tick, replica);
                        if (won) {
                            claims.release(job, replica);
                        }
                        return won;
                    });
                }
                List<Boolean> won = new ArrayList<>();
                for (Future<Boolean> result : replicas.invokeAll(fire)) {
                    won.add(result.get());
                }
                assertThat(won).as("tick %s", tick).containsOnlyOnce(true);
            }
        } finally {
            replicas.shutdownNow();
        }
        // A run still going holds the job: the next tick is not started beside it.
        OffsetDateTime later = OffsetDateTime.parse("2026-02-01T00:00:00Z");
        assertThat(claims.claim(job, later, "a")).isTrue();
        assertThat(claims.claim(job, later.plusMinutes(1), "b")).isFalse();
        claims.release(job, "a");
        assertThat(claims.claim(job, later.plusMinutes(2), "b")).isTrue();
    }
}
