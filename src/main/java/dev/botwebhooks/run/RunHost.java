package dev.botwebhooks.run;

import dev.botwebhooks.archive.BotLibraries;
import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.broadcast.RunAllTask;
import dev.botwebhooks.broadcast.RunAllTaskRepository;
import dev.botwebhooks.command.Command;
import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.command.CommandMatch;
import dev.botwebhooks.command.CommandRepository;
import dev.botwebhooks.list.ListKey;
import dev.botwebhooks.list.ListQuery;
import dev.botwebhooks.list.ListRepository;
import dev.botwebhooks.list.ListStats;
import dev.botwebhooks.list.ListedProperty;
import dev.botwebhooks.list.ListedUser;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRead;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.property.VersionedValue;
import dev.botwebhooks.script.CommandCall;
import dev.botwebhooks.script.InstalledLibs;
import dev.botwebhooks.script.LibCommands;
import dev.botwebhooks.script.ListReads;
import dev.botwebhooks.script.ScriptHost;
import dev.botwebhooks.script.ScriptSource;
import dev.botwebhooks.user.UserRepository;
import dev.botwebhooks.url.WebhookUrlRequest;
import dev.botwebhooks.url.WebhookUrls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's view of one bot's data during a run: made for that bot, so a run sees no other bot's
 * data. Runs on a script worker, so it may block.
 */
final class RunHost implements ScriptHost {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Bot bot;
    private final PropertyRepository properties;
    private final UserRepository users;
    private final CommandRepository commands;
    private final CommandDirectory directory;
    private final WebhookUrls urls;
    private final ListRepository lists;
    private final BotLibraries libraries;
    private final RunAllTaskRepository runAllTasks;
    /** Written on the run's worker thread only; read after the run, which the worker's completion orders. */
    private final Map<PropertyKey, Long> reads = new LinkedHashMap<>();

    RunHost(Bot bot, PropertyRepository properties, UserRepository users, CommandRepository commands,
            CommandDirectory directory, WebhookUrls urls, ListRepository lists, BotLibraries libraries,
            RunAllTaskRepository runAllTasks) {
        this.bot = bot;
        this.properties = properties;
        this.users = users;
        this.commands = commands;
        this.directory = directory;
        this.urls = urls;
        this.lists = lists;
        this.libraries = libraries;
        this.runAllTasks = runAllTasks;
    }

    @Override
    public Optional<PropertyValue> readProperty(Long userId, String name) {
        PropertyKey key = new PropertyKey(bot.id(), userId, name);
        Optional<VersionedValue> read = properties.findVersioned(key).blockOptional(READ_TIMEOUT);
        // The first version read is the one the run's logic used; the commit checks it is still current.
        reads.putIfAbsent(key, read.map(VersionedValue::version).orElse(PropertyRead.ABSENT));
        return read.map(VersionedValue::value);
    }

    /** The properties this run read from the database, with the versions it saw. */
    List<PropertyRead> reads() {
        List<PropertyRead> result = new ArrayList<>(reads.size());
        reads.forEach((key, version) -> result.add(new PropertyRead(key, version)));
        return result;
    }

    @Override
    public String webhookUrl(WebhookUrlRequest request) {
        return urls.urlFor(bot, request);
    }

    @Override
    public boolean userExists(long userId) {
        return Boolean.TRUE.equals(users.find(bot.id(), userId).hasElement().block(READ_TIMEOUT));
    }

    @Override
    public Optional<Long> userIdByTelegramId(String telegramId) {
        return users.findIdByTelegramId(bot.id(), telegramId).blockOptional(READ_TIMEOUT);
    }

    @Override
    public Optional<ScriptSource> command(String name) {
        // Read from the database, not the cache: a command saved a moment ago is the one Bot.runCommand runs.
        return commands.find(bot.id(), name).blockOptional(READ_TIMEOUT)
                .map(command -> new ScriptSource(command.botId(), command.name(), command.version(), command.runnable()));
    }

    @Override
    public Optional<CommandCall> call(String text) {
        Optional<CommandMatch> match = directory.match(bot.id(), text).block(READ_TIMEOUT);
        Optional<LibCommands.LibCommand> library = LibCommands.unlessTaken(match.map(CommandMatch::name),
                this::installedLibs, text);
        if (library.isPresent()) {
            return Optional.of(new CommandCall(library.get().source(bot.id()), library.get().params()));
        }
        return match.flatMap(found -> commands.find(bot.id(), found.name()).blockOptional(READ_TIMEOUT)
                .map(command -> new CommandCall(new ScriptSource(command.botId(), command.name(), command.version(),
                        command.runnable()), found.params(), command.settings())));
    }

    @Override
    public Optional<String> commandText(String name) {
        return commands.find(bot.id(), name).blockOptional(READ_TIMEOUT).map(Command::code);
    }

    @Override
    public ListReads lists() {
        return new ListReads() {
            @Override
            public boolean exists(Long owner, String name) {
                return Boolean.TRUE.equals(lists.exists(new ListKey(bot.id(), owner, name)).block(READ_TIMEOUT));
            }

            @Override
            public Optional<ListStats> stats(Long owner, String name) {
                return lists.stats(new ListKey(bot.id(), owner, name)).blockOptional(READ_TIMEOUT);
            }

            @Override
            public List<ListedProperty> properties(Long owner, String name, ListQuery query) {
                return lists.properties(new ListKey(bot.id(), owner, name), query).collectList().block(READ_TIMEOUT);
            }

            @Override
            public List<ListedUser> users(Long owner, String name, ListQuery query) {
                return lists.users(new ListKey(bot.id(), owner, name), query).collectList().block(READ_TIMEOUT);
            }

            @Override
            public Optional<ListedUser> user(Long owner, String name, long userId) {
                return lists.user(new ListKey(bot.id(), owner, name), userId).blockOptional(READ_TIMEOUT);
            }
        };
    }

    @Override
    public Optional<String> importedLibrary(String name) {
        return libraries.code(bot.id(), name).blockOptional(READ_TIMEOUT);
    }

    @Override
    public Optional<RunAllTask> runAllTask(long id) {
        return runAllTasks.find(bot.id(), id).blockOptional(READ_TIMEOUT);
    }

    @Override
    public InstalledLibs installedLibs() {
        return InstalledLibs.of(bot.settings());
    }
}
