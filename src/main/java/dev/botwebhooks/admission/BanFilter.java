package dev.botwebhooks.admission;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;

/**
 * The original's "ban filter": an address that makes more than {@code threshold} bad requests in
 * {@code window}, to all bots together, is refused for {@code banDuration}. Only what a legitimate caller
 * does not do counts ({@link #strike}): a provider sending thousands of good requests a second from one
 * address is never banned. Addresses are remembered in a bounded cache, so a spray of spoofed sources
 * costs memory only up to its size.
 */
final class BanFilter {

    private final long threshold;
    private final Duration window;
    private final long banNanos;
    private final TimeMeter time;
    private final Cache<String, Address> addresses;


    BanFilter(long threshold, Duration window, Duration banDuration, long maxTracked, TimeMeter time) {
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
        Address state = addresses.get(address, key -> new Address(Bucket.builder()
                .addLimit(limit -> limit.capacity(threshold).refillIntervally(threshold, window))
                .withCustomTimePrecision(time)
                .build()));
        state.strike(time.currentTimeNanos(), banNanos);
    }

    private static final class Address {

        private final Bucket requests;
        private volatile long bannedUntil;
        private volatile boolean banned;

        Address(Bucket requests) {
            this.requests = requests;
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
