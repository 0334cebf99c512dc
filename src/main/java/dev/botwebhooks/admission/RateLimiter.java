package dev.botwebhooks.admission;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;

/** One token bucket per bot, rebuilt when the bot's limit changes; idle bots are forgotten. */
final class RateLimiter {

    private final TimeMeter time;
    private final Cache<Long, BotBucket> buckets;

    RateLimiter(long maxBots, TimeMeter time) {
        this.time = time;
        this.buckets = Caffeine.newBuilder().maximumSize(maxBots).expireAfterAccess(Duration.ofHours(1)).build();
    }

    /** Takes one token of the bot's bucket; the nanoseconds until one is free, or 0 when one was taken. */
    long waitNanos(long botId, RateLimit limit) {
        BotBucket bucket = buckets.asMap().compute(botId,
                (id, current) -> current != null && current.limit().equals(limit) ? current : create(limit));
        ConsumptionProbe probe = bucket.bucket().tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private BotBucket create(RateLimit limit) {
        // One token per 1/rate seconds, so that a fractional rate such as 0.5 per second works too.
        Duration perToken = Duration.ofNanos(Math.max(1, Math.round(1e9 / limit.perSecond())));
        return new BotBucket(limit, Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(1, perToken))
                .withCustomTimePrecision(time)
                .build());
    }

    /** @param burst bucket size; at least 1 */
    record RateLimit(double perSecond, long burst) {
    }

    private record BotBucket(RateLimit limit, Bucket bucket) {
    }
}
