package dev.botwebhooks.bot;

import dev.botwebhooks.cache.CacheProperties;
import dev.botwebhooks.cache.ChangeFeed;
import dev.botwebhooks.cache.ReadThroughCache;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Optional;

/** Bots by id for the webhook path, cached so that verifying a URL costs no database read. */
@Component
public class BotDirectory {

    private final ReadThroughCache<Long, Bot> cache;

    BotDirectory(BotRepository bots, CacheProperties cache, ChangeFeed changes) {
        this.cache = new ReadThroughCache<>(cache.botTtl(), cache.maxBots(), bots::findById);
        changes.subscribe("bots", change -> this.cache.forget(change.botId()), this.cache::forgetAll);
    }

    public Mono<Optional<Bot>> find(long botId) {
        return cache.get(botId);
    }

    /** Called after a change on this replica, before its notification arrives; other replicas hear of it. */
    public void forget(long botId) {
        cache.forget(botId);
    }
}
