package dev.botwebhooks.admission;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final ManualTime time = new ManualTime();
    private final RateLimiter limiter = new RateLimiter(100, time);

    @Test
    void aBotMaySpendItsBurstThenWaitsForTheRate() {
        RateLimiter.RateLimit limit = new RateLimiter.RateLimit(2, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.waitNanos(1, limit)).isZero();
        }
        assertThat(limiter.waitNanos(1, limit)).isEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(limiter.waitNanos(2, limit)).as("another bot").isZero();

        time.advance(Duration.ofMillis(500));
        assertThat(limiter.waitNanos(1, limit)).isZero();
        assertThat(limiter.waitNanos(1, limit)).isPositive();
    }

    @Test
    void aFractionalRateWorks() {
        RateLimiter.RateLimit limit = new RateLimiter.RateLimit(0.5, 1);
        assertThat(limiter.waitNanos(1, limit)).isZero();
        assertThat(limiter.waitNanos(1, limit)).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void aChangedLimitTakesEffectAtOnce() {
        assertThat(limiter.waitNanos(1, new RateLimiter.RateLimit(1, 1))).isZero();
        assertThat(limiter.waitNanos(1, new RateLimiter.RateLimit(1, 1))).isPositive();

        assertThat(limiter.waitNanos(1, new RateLimiter.RateLimit(100, 100))).isZero();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(Admission.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(Admission.retryAfterSeconds(Duration.ofMillis(1001).toNanos())).isEqualTo(2);
        assertThat(Admission.retryAfterSeconds(Duration.ofSeconds(60).toNanos())).isEqualTo(60);
    }
}
