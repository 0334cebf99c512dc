package dev.botwebhooks.admission;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The original's "ban filter": an address that makes more than {@code threshold} bad requests in
 * {@code window}, to all bots together, is refused for {@code banDuration}. Only what a legitimate caller
 * does not do counts ({@link #strike}): a provider sending thousands of good requests a second from one
 * address is never banned. Addresses are remembered in a bounded cache, so a spray of spoofed sources
 * costs memory only up to its size. The threshold is this replica's share and may change while an address
 * is tracked (a replica joined or left): its bucket then takes the new size and keeps the fraction it had used.
 */
final class BanFilter {

    private final LongSupplier threshold;
    private final Duration window;
    private final long banNanos;
    private final TimeMeter time;
    private final Cache<String, Address> addresses;

    BanFilter(LongSupplier threshold, Duration window, Duration banDuration, long maxTracked, TimeMeter time) {
        this.threshold = threshold;
        this.window = window;
        this.banNanos = banDuration.toNanos();
        this.time = time;
        this.addresses = Caffeine.newBuilder()
                .maximumSize(maxTracked)
                .expireAfterAccess(window.compareTo(banDuration) > 0 ? window : banDuration)
                .build();
    }

    /** The nanoseconds {@code address} is still banned for, or 0 when it may pass; counts nothing. */
    long banNanos(String address) {
        Address state = addresses.getIfPresent(address);
        return state == null ? 0 : state.bannedFor(time.currentTimeNanos());
    }

    /** Counts one bad request from {@code address}; one over the threshold bans it. */
    void strike(String address) {
        long current = threshold.getAsLong();
        Address state = addresses.get(address, key -> new Address(Bucket.builder()
                .addLimit(limit(current)).withCustomTimePrecision(time).build(), current));
        if (state.threshold != current) {
            state.resize(BucketConfiguration.builder().addLimit(limit(current)).build(), current);
        }
        state.strike(time.currentTimeNanos(), banNanos);
    }

    private Bandwidth limit(long threshold) {
        return Bandwidth.builder().capacity(threshold).refillIntervally(threshold, window).build();
    }

    private static final class Address {

        private final Bucket requests;
        private volatile long threshold;
        private volatile long bannedUntil;
        private volatile boolean banned;

        Address(Bucket requests, long threshold) {
            this.requests = requests;
            this.threshold = threshold;
        }

        void resize(BucketConfiguration configuration, long threshold) {
            requests.replaceConfiguration(configuration, TokensInheritanceStrategy.PROPORTIONALLY);
            this.threshold = threshold;
        }

        long bannedFor(long now) {
            return banned && bannedUntil - now > 0 ? bannedUntil - now : 0;
        }

        void strike(long now, long banNanos) {
            if (bannedFor(now) > 0 || requests.tryConsume(1)) {
                return;
            }
            bannedUntil = now + banNanos;
            banned = true;
        }
    }
}
