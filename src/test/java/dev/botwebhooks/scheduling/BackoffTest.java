package dev.botwebhooks.scheduling;


import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void doublesPerAttemptWithJitterBetweenHalfAndAll() {
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.after(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(backoff.after(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        assertThat(backoff.after(10)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        assertThat(backoff.after(Integer.MAX_VALUE)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }
}
