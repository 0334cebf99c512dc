package dev.botwebhooks.admission;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;

/**
 * The original's "ban filter": an address that sends more than {@code threshold} requests in
 * {@code window}, to all bots together, is refused for {@code banDuration}. Addresses are
 * remembered in a bounded cache, so a spray of spoofed sources costs memory only up to its size.
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

    /** Counts one request from {@code address}; the nanoseconds it must still wait, or 0 when it may pass. */
    long banNanos(String address) {
        Address state = addresses.get(address, key -> new Address(Bucket.builder()
                .addLimit(limit -> limit.capacity(threshold).refillIntervally(threshold, window))
                .withCustomTimePrecision(time)
                .build()));
        return state.admit(time.currentTimeNanos(), banNanos);
    }

    private static final class Address {

        private final Bucket requests;
        private volatile long bannedUntil;
        private volatile boolean banned;

        Address(Bucket requests) {
            this.requests = requests;
        }

        long admit(long now, long banNanos) {
            if (banned && bannedUntil - now > 0) {
                return bannedUntil - now;
            }
            if (requests.tryConsume(1)) {
                banned = false;
                return 0;
            }
            bannedUntil = now + banNanos;
            banned = true;
            return banNanos;
        }
    }
}
