package dev.botwebhooks.admission;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BanFilterTest {

    private final ManualTime time = new ManualTime();
    private final BanFilter filter = new BanFilter(() -> 3, Duration.ofSeconds(10), Duration.ofSeconds(60), 1000, time);

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

    @Test
    void eachReplicaBansAtItsShareOfTheThresholdAndFollowsTheReplicaCount() {
        AtomicInteger replicas = new AtomicInteger(3);
        ReplicaShare share = new ReplicaShare(replicas::get);
        BanFilter shared = new BanFilter(() -> share.ofThreshold(30), Duration.ofSeconds(10), Duration.ofSeconds(60),
                1000, time);

        for (int i = 0; i < 10; i++) {
            shared.strike("203.0.113.1");
            assertThat(shared.banNanos("203.0.113.1")).isZero();
        }
        shared.strike("203.0.113.1");
        assertThat(shared.banNanos("203.0.113.1")).as("the 11th of 30 / 3").isPositive();

        // A replica left: the other two take 15 each; an address with half of 10 left has half of 15 left.
        for (int i = 0; i < 5; i++) {
            shared.strike("203.0.113.2");
        }
        replicas.set(2);
        for (int i = 0; i < 7; i++) {
            shared.strike("203.0.113.2");
            assertThat(shared.banNanos("203.0.113.2")).isZero();
        }
        shared.strike("203.0.113.2");
        assertThat(shared.banNanos("203.0.113.2")).isPositive();
    }
}
