package dev.botwebhooks.command;

import dev.botwebhooks.cache.CacheProperties;
import dev.botwebhooks.cache.ChangeFeed;
import dev.botwebhooks.cache.ReadThroughCache;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Commands by bot and name for the webhook path, and which command a text calls ({@link CommandIndex}), cached;
 * a saved or deleted command is forgotten on every replica.
 */
@Component
public class CommandDirectory {

    private record Key(long botId, String name) {
    }

    /** Commands a bot's index holds; the names beyond it by name order are not called by text. */
    static final int MAX_INDEXED_COMMANDS = 10_000;

    private final ReadThroughCache<Key, Command> cache;
    private final ReadThroughCache<Long, CommandIndex> indexes;

    CommandDirectory(CommandRepository commands, CacheProperties cache, ChangeFeed changes) {
        this.cache = new ReadThroughCache<>(cache.dataTtl(), cache.maxEntries(),
                key -> commands.find(key.botId(), key.name()));
        this.indexes = new ReadThroughCache<>(cache.dataTtl(), cache.maxEntries(),
                botId -> commands.indexEntries(botId, MAX_INDEXED_COMMANDS).collectList().map(CommandIndex::of));
        changes.subscribe("commands", change -> {
            long botId = change.botId();
            // Any change to a bot's commands may change which command a text calls.
            this.indexes.forget(botId);
            if (change.hasItem()) {
                this.cache.forget(new Key(botId, change.item()));
            } else {
                this.cache.forgetIf(key -> key.botId() == botId);
            }
        }, () -> {
            this.cache.forgetAll();
            this.indexes.forgetAll();
        });
    }

    /** The command a text such as {@code "/pay 42"} or {@code "👛 My wallet"} calls, if any. */
    public Mono<Optional<CommandMatch>> match(long botId, String text) {
        return indexes.get(botId).map(index -> index.flatMap(found -> found.match(text)));
    }

    /** The command {@link #match} finds, read through the cache. */
    public Mono<Optional<Matched>> resolve(long botId, String text) {
        return match(botId, text).flatMap(match -> match.isEmpty() ? Mono.just(Optional.<Matched>empty())
                : find(botId, match.get().name()).map(command -> command.map(found -> new Matched(found, match.get()))));
    }

    /** A command with the params its text gave. */
    public record Matched(Command command, CommandMatch match) {
    }

    public Mono<Optional<Command>> find(long botId, String name) {
        return cache.get(new Key(botId, name));
    }

    public void forget(long botId, String name) {
        cache.forget(new Key(botId, name));
        indexes.forget(botId);
    }
}
