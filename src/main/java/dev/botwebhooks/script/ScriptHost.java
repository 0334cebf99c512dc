package dev.botwebhooks.script;

import dev.botwebhooks.broadcast.RunAllTask;
import dev.botwebhooks.command.CommandLine;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.url.WebhookUrlRequest;

import java.util.Optional;

/**
 * What the sandbox asks of the rest of the service. A host is made for one bot's run, so no call
 * names a bot: a run cannot reach another bot's data, whatever its script asks. Called on the
 * script worker thread only, so implementations may block (this is the one place the database is
 * waited on).
 */
public interface ScriptHost {

    /**
     * The committed value of a property, without this run's buffered writes.
     *
     * @param userId the user whose property it is, null for a property of the bot itself
     */
    Optional<PropertyValue> readProperty(Long userId, String name);

    /**
     * A signed webhook URL.
     *
     * @throws IllegalArgumentException with a message fit for the script author when the request is invalid
     */
    String webhookUrl(WebhookUrlRequest request);

    /** Whether the bot has this user (Bot.run's {@code user_id}). */
    boolean userExists(long userId);

    /**
     * The id of the bot's user with this Telegram id ({@code user_telegramid}); empty when it has none, as a host that
     * keeps no users' profiles (a sandbox test's) has.
     */
    default Optional<Long> userIdByTelegramId(String telegramId) {
        return Optional.empty();
    }

    /** The bot's command of that name at its current version. */
    Optional<ScriptSource> command(String name);

    /** A command's code as its author wrote it (a WebApp template's text), not what the engine runs. */
    default Optional<String> commandText(String name) {
        return command(name).map(ScriptSource::code);
    }

    /** The bot's Lists ({@code new List(...)}) as committed; a host that keeps none has no list ({@link ListReads#NONE}). */
    default ListReads lists() {
        return ListReads.NONE;
    }

    /** The bot's {@code Bot.runAll} task of that id as it is now; empty when the bot has none. */
    default Optional<RunAllTask> runAllTask(long id) {
        return Optional.empty();
    }

    /**
     * The code of a library the bot brought in its archive ({@code libs/<name>.js} of a BB export); empty when it has
     * none. A host without the bot's archive files has none.
     */
    default Optional<String> importedLibrary(String name) {
        return Optional.empty();
    }

    /** The store libraries installed for the bot ({@code Libs.X} for any other fails); every one by default. */
    default InstalledLibs installedLibs() {
        return InstalledLibs.ALL;
    }

    /**
     * The command a text calls, for Bot.run and Bot.runCommand. This default takes the first word as the name;
     * the service's host matches as a webhook does (whole text, aliases, then first word; see CommandIndex).
     */
    default Optional<CommandCall> call(String text) {
        CommandLine line = CommandLine.parse(text);
        return command(line.name()).map(source -> new CommandCall(source, line.params()));
    }
}
