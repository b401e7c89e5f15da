package dev.junction.runtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientBucketsTest {

    private static final long SECOND = 1_000_000_000L;

    private final ClientBuckets buckets = new ClientBuckets(4);

    private TokenBucket bucket(String client, long now) {
        return buckets.of(client, name -> new TokenBucket(1, 2, now), now);
    }

    @Test
    void bucketsOfIdleClientsAreForgottenOnceThereAreMoreThanTheThreshold() {
        for (int i = 0; i < 4; i++) {
            assertThat(bucket("idle-" + i, 0).take(0)).isZero();
        }
        assertThat(buckets.size()).isEqualTo(4);

        // Two seconds later those four have refilled; a fifth client takes the map over the threshold.
        bucket("newcomer", 2 * SECOND).take(2 * SECOND);

        assertThat(buckets.size()).as("only the newcomer is left").isEqualTo(1);
    }

    @Test
    void aClientOverItsRateKeepsItsBucketSoForgettingNeverResetsALimit() {
        TokenBucket limited = bucket("limited", 0);
        limited.take(0);
        limited.take(0);
        assertThat(limited.take(0)).as("over its rate").isPositive();
        // Four clients that have not sent anything yet: full buckets, and the fourth makes the sweep.
        for (int i = 0; i < 4; i++) {
            bucket("other-" + i, 0);
        }

        assertThat(buckets.size()).as("the limited client and the one just handed out").isEqualTo(2);
        assertThat(bucket("limited", 0)).as("still the same, empty bucket").isSameAs(limited);
        assertThat(bucket("limited", 0).take(0)).isPositive();
    }

    @Test
    void theThresholdGrowsWithTheClientsThatStayActive() {
        for (int i = 0; i < 5; i++) {
            TokenBucket active = bucket("active-" + i, 0);
            active.take(0);
            active.take(0);
        }
        // The sweep found no refilled bucket: all five stay, and the next sweep waits until there are more than 10.
        assertThat(buckets.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            bucket("more-" + i, 0).take(0);
        }
        assertThat(buckets.size()).isEqualTo(10);
    }
}
