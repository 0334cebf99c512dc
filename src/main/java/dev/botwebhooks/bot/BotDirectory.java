package dev.botwebhooks.bot;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.botwebhooks.config.WebhooksProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Bots by id for the webhook path, cached so that verifying a URL costs no database read.
 * Unknown ids are cached too, so a flood of made-up bot ids does not reach PostgreSQL.
 */
@Component
public class BotDirectory {

    private final BotRepository bots;
    private final AsyncCache<Long, Optional<Bot>> cache;

    BotDirectory(BotRepository bots, WebhooksProperties properties) {
        this.bots = bots;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.cache().botTtl())
                .maximumSize(properties.cache().maxBots())
                .buildAsync();
    }

    public Mono<Optional<Bot>> find(long botId) {
        return Mono.fromFuture(() -> cache.get(botId,
                (id, executor) -> bots.findById(id).map(Optional::of).defaultIfEmpty(Optional.empty()).toFuture()));
    }

    /** Called after a change on this replica; other replicas see it within the cache's TTL. */
    public void forget(long botId) {
        cache.synchronous().invalidate(botId);
    }
}
