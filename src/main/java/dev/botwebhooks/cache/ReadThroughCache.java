package dev.botwebhooks.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the webhook path reads on every call (bots, commands, users), cached for a short time so a
 * burst costs no database round trip per request. Absent values are cached too, so made-up ids do
 * not reach PostgreSQL. A change is forgotten on every replica when {@link ChangeFeed} hears of it
 * (within a second); the TTL bounds the staleness when a notification is lost.
 */
public final class ReadThroughCache<K, V> {

    private final AsyncCache<K, Loaded<V>> cache;
    private final Function<K, Mono<V>> load;

    public ReadThroughCache(Duration ttl, long maxEntries, Function<K, Mono<V>> load) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).buildAsync();
        this.load = load;
    }

    /** The value, or empty when there is none; a failed load is not cached (the next get loads again). */
    public Mono<Optional<V>> get(K key) {
        return Mono.defer(() -> {
            CompletableFuture<Loaded<V>> future = cache.get(key, (k, executor) -> load.apply(k)
                    .<Loaded<V>>map(value -> new Loaded.Found<>(Optional.of(value)))
                    .defaultIfEmpty(new Loaded.Found<>(Optional.empty()))
                    // A value, never an exceptional future: Caffeine logs a warning for each of those, which
                    // during a database outage is one per request.
                    .onErrorResume(error -> Mono.just(new Loaded.Failed<>(error)))
                    .toFuture());
            return Mono.fromFuture(future).flatMap(loaded -> {
                if (loaded instanceof Loaded.Failed<V> failed) {
                    cache.asMap().remove(key, future);
                    return Mono.error(failed.error());
                }
                return Mono.just(((Loaded.Found<V>) loaded).value());
            });
        });
    }

    private sealed interface Loaded<V> {

        record Found<V>(Optional<V> value) implements Loaded<V> {
        }

        record Failed<V>(Throwable error) implements Loaded<V> {
        }
    }

    public void forget(K key) {
        cache.synchronous().invalidate(key);
    }

    public void forgetIf(Predicate<K> matches) {
        cache.asMap().keySet().removeIf(matches);
    }

    public void forgetAll() {
        cache.synchronous().invalidateAll();
    }
}
