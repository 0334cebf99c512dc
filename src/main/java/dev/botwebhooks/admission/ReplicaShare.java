package dev.botwebhooks.admission;

import java.util.function.IntSupplier;

/**
 * This replica's part of a limit meant for the whole deployment: with n live replicas, 1/n of a bot's
 * rate and burst, and of the ban threshold. Exact when the load balancer spreads requests evenly (round
 * robin, or many clients); a caller stuck to one replica gets only that replica's share. Chosen over a
 * bucket shared in PostgreSQL, which would cost a round trip and a row lock per webhook, also for the
 * requests it refuses, so a flood would land on the database that the limit is there to protect.
 */
final class ReplicaShare {

    private final IntSupplier replicas;

    /** @param replicas live replicas, at least 1 */
    ReplicaShare(IntSupplier replicas) {
        this.replicas = replicas;
    }

    /** Null stays null: a bot without a limit has none on any replica. */
    RateLimiter.RateLimit of(RateLimiter.RateLimit limit) {
        int n = replicas();
        if (limit == null || n == 1) {
            return limit;
        }
        return new RateLimiter.RateLimit(limit.perSecond() / n, Math.max(1, ceilDiv(limit.burst(), n)));
    }

    long ofThreshold(long threshold) {
        return Math.max(1, ceilDiv(threshold, replicas()));
    }

    private int replicas() {
        return Math.max(1, replicas.getAsInt());
    }

    private static long ceilDiv(long value, int n) {
        return -Math.floorDiv(-value, n);
    }
}
