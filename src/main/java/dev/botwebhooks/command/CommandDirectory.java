package dev.botwebhooks.command;

import dev.botwebhooks.cache.CacheProperties;
import dev.botwebhooks.cache.ReadThroughCache;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Optional;

/** Commands by bot and name for the webhook path, cached briefly (a replaced command is seen within the TTL). */
@Component
public class CommandDirectory {

    private record Key(long botId, String name) {
    }

    private final ReadThroughCache<Key, Command> cache;

    CommandDirectory(CommandRepository commands, CacheProperties cache) {
        this.cache = new ReadThroughCache<>(cache.dataTtl(), cache.maxEntries(),
                key -> commands.find(key.botId(), key.name()));
    }

    public Mono<Optional<Command>> find(long botId, String name) {
        return cache.get(new Key(botId, name));
    }

    public void forget(long botId, String name) {
        cache.forget(new Key(botId, name));
    }
}
