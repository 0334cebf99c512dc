package dev.botwebhooks.command;

import dev.botwebhooks.cache.CacheProperties;
import dev.botwebhooks.cache.ChangeFeed;
import dev.botwebhooks.cache.ReadThroughCache;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Optional;

/** Commands by bot and name for the webhook path, cached; a saved or deleted command is forgotten on every replica. */
@Component
public class CommandDirectory {

    private record Key(long botId, String name) {
    }

    private final ReadThroughCache<Key, Command> cache;

    CommandDirectory(CommandRepository commands, CacheProperties cache, ChangeFeed changes) {
        this.cache = new ReadThroughCache<>(cache.dataTtl(), cache.maxEntries(),
                key -> commands.find(key.botId(), key.name()));
        changes.subscribe("commands", change -> {
            long botId = change.botId();
            if (change.hasItem()) {
                this.cache.forget(new Key(botId, change.item()));
            } else {
                this.cache.forgetIf(key -> key.botId() == botId);
            }
        }, this.cache::forgetAll);
    }

    public Mono<Optional<Command>> find(long botId, String name) {
        return cache.get(new Key(botId, name));
    }

    public void forget(long botId, String name) {
        cache.forget(new Key(botId, name));
    }
}
