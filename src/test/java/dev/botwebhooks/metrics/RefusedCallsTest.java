package dev.botwebhooks.metrics;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RefusedCallsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T04:00:00Z"), ZoneOffset.UTC);

    @Test
    void keepsTheLastRefusalsOfABotAndCountsAll() {
        RefusedCalls refused = new RefusedCalls(10, 3, clock);
        for (int i = 1; i <= 4; i++) {
            refused.record(1, Rejection.BAD_SIGNATURE, "10.0.0.1", "GET", "/v1/bots/1/new-webhook?n=" + i);
        }
        refused.record(1, Rejection.RATE_LIMITED, "10.0.0.1", "POST", "/v1/bots/1/new-webhook?n=5");

        RefusedCalls.Summary summary = refused.of(1);
        assertThat(summary.counts()).containsEntry(Rejection.BAD_SIGNATURE, 4L).containsEntry(Rejection.RATE_LIMITED, 1L)
                .containsEntry(Rejection.EXPIRED, 0L);
        assertThat(summary.recent()).extracting(RefusedCall::pathWithoutSig)
                .containsExactly("/v1/bots/1/new-webhook?n=5", "/v1/bots/1/new-webhook?n=4", "/v1/bots/1/new-webhook?n=3");
        assertThat(refused.of(2).recent()).isEmpty();
    }

    @Test
    void forgetsBotsPastItsBound() {
        RefusedCalls refused = new RefusedCalls(2, 3, clock);
        for (long bot = 1; bot <= 50; bot++) {
            refused.record(bot, Rejection.EXPIRED, null, "GET", "/v1/bots/" + bot + "/new-webhook");
        }
        long remembered = java.util.stream.LongStream.rangeClosed(1, 50)
                .filter(bot -> !refused.of(bot).recent().isEmpty()).count();
        assertThat(remembered).isLessThanOrEqualTo(2);
    }
}
