package dev.botwebhooks.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the webhook path reads on every call (bots, commands, users), cached for a short time so a
 * burst costs no database round trip per request. Absent values are cached too, so made-up ids do
 * not reach PostgreSQL. A change made on this replica is forgotten at once; other replicas see it
 * within the TTL.
 */
public final class ReadThroughCache<K, V> {

    private final AsyncCache<K, Optional<V>> cache;
    private final Function<K, Mono<V>> load;

    public ReadThroughCache(Duration ttl, long maxEntries, Function<K, Mono<V>> load) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).buildAsync();
        this.load = load;
    }

    public Mono<Optional<V>> get(K key) {
        return Mono.fromFuture(() -> cache.get(key,
                (k, executor) -> load.apply(k).map(Optional::of).defaultIfEmpty(Optional.empty()).toFuture()));
    }

    public void forget(K key) {
        cache.synchronous().invalidate(key);
    }
}
