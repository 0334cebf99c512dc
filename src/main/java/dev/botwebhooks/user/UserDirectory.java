package dev.botwebhooks.user;

import dev.botwebhooks.cache.CacheProperties;
import dev.botwebhooks.cache.ChangeFeed;
import dev.botwebhooks.cache.ReadThroughCache;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Optional;

/** Users by bot and id for the webhook path, cached; a changed profile is forgotten on every replica. */
@Component
public class UserDirectory {

    private record Key(long botId, long userId) {
    }

    private final ReadThroughCache<Key, BotUser> cache;

    UserDirectory(UserRepository users, CacheProperties cache, ChangeFeed changes) {
        this.cache = new ReadThroughCache<>(cache.dataTtl(), cache.maxEntries(),
                key -> users.find(key.botId(), key.userId()));
        changes.subscribe("users", change -> {
            if (change.hasItem()) {
                this.cache.forget(new Key(change.botId(), Long.parseLong(change.item())));
            } else {
                // A chat blocked or unblocked: which users it holds is not known here.
                this.cache.forgetIf(key -> key.botId() == change.botId());
            }
        },
                this.cache::forgetAll);
    }

    public Mono<Optional<BotUser>> find(long botId, long userId) {
        return cache.get(new Key(botId, userId));
    }

    public void forget(long botId, long userId) {
        cache.forget(new Key(botId, userId));
    }
}
