package dev.junction.runtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstThenTheRateAndTheWaitUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(0.5, 2, 0);

        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).as("empty: the next token is 2 s away").isEqualTo(2);
        assertThat(bucket.take(SECOND)).as("half a token after 1 s").isEqualTo(1);
        assertThat(bucket.take(2 * SECOND)).isZero();
    }

    @Test
    void idleTimeRefillsUpToTheBurstOnly() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        for (int i = 0; i < 3; i++) {
            bucket.take(0);
        }

        long later = 3600 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take(later)).isZero();
        }
        assertThat(bucket.take(later)).isEqualTo(1);
    }
}
