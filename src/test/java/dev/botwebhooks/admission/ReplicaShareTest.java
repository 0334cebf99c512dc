package dev.botwebhooks.admission;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaShareTest {

    private final AtomicInteger replicas = new AtomicInteger(1);
    private final ReplicaShare share = new ReplicaShare(replicas::get);

    @Test
    void aSingleReplicaKeepsTheWholeLimit() {
        RateLimiter.RateLimit limit = new RateLimiter.RateLimit(100, 10);
        assertThat(share.of(limit)).isSameAs(limit);
        assertThat(share.ofThreshold(1000)).isEqualTo(1000);
    }

    @Test
    void threeReplicasTakeAThirdEachWithTheBurstRoundedUp() {
        replicas.set(3);
        RateLimiter.RateLimit third = share.of(new RateLimiter.RateLimit(100, 10));
        assertThat(third.perSecond()).isCloseTo(33.333, org.assertj.core.data.Offset.offset(0.001));
        assertThat(third.burst()).isEqualTo(4);
        assertThat(share.ofThreshold(1000)).isEqualTo(334);
    }

    @Test
    void neverLessThanOneRequestAtOnceAndNoLimitStaysNoLimit() {
        replicas.set(50);
        assertThat(share.of(new RateLimiter.RateLimit(0.5, 2)).burst()).isEqualTo(1);
        assertThat(share.ofThreshold(5)).isEqualTo(1);
        assertThat(share.of(null)).isNull();
    }
}
