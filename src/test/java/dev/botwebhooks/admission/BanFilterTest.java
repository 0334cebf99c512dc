package dev.botwebhooks.admission;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BanFilterTest {

    private final ManualTime time = new ManualTime();
    private final BanFilter filter = new BanFilter(3, Duration.ofSeconds(10), Duration.ofSeconds(60), 1000, time);

    @Test
    void anAddressOverTheThresholdOfBadRequestsIsBannedForTheBanDurationThenAdmittedAgain() {
        for (int i = 0; i < 3; i++) {
            filter.strike("203.0.113.1");
            assertThat(filter.banNanos("203.0.113.1")).isZero();
        }
        filter.strike("203.0.113.1");
        assertThat(filter.banNanos("203.0.113.1")).isEqualTo(Duration.ofSeconds(60).toNanos());
        assertThat(filter.banNanos("203.0.113.2")).as("other addresses").isZero();

        time.advance(Duration.ofSeconds(45));
        assertThat(filter.banNanos("203.0.113.1")).isEqualTo(Duration.ofSeconds(15).toNanos());

        time.advance(Duration.ofSeconds(15));
        assertThat(filter.banNanos("203.0.113.1")).isZero();
    }

    @Test
    void lookingAnAddressUpNeverCountsTowardItsBan() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(filter.banNanos("203.0.113.1")).isZero();
        }
    }

    @Test
    void theCountStartsAfreshEachWindow() {
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 3; i++) {
                filter.strike("203.0.113.1");
            }
            assertThat(filter.banNanos("203.0.113.1")).isZero();
            time.advance(Duration.ofSeconds(10));
        }
    }
}
