package dev.botwebhooks.run;

import dev.botwebhooks.command.Command;
import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.command.SpecialCommands;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.script.InstalledLibs;
import dev.botwebhooks.script.LibCommands;
import dev.botwebhooks.script.ReplyMode;
import dev.botwebhooks.user.BotUser;
import dev.botwebhooks.user.UserDirectory;
import dev.botwebhooks.user.UserGroups;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/**
 * Loads what a run needs, without blocking, from the read-through caches: the command its text calls (BB's matching,
 * see CommandIndex), the bot's {@code @} and {@code @@} commands that run around it, and the user; and refuses a run
 * its user may not make (a blocked chat, a command of another user group).
 */
@Component
class RunLoader {

    private final CommandDirectory commands;
    private final UserDirectory users;
    private final PropertyRepository properties;

    RunLoader(CommandDirectory commands, UserDirectory users, PropertyRepository properties) {
        this.commands = commands;
        this.users = users;
        this.properties = properties;
    }

    Mono<Loaded> load(RunRequest request) {
        long botId = request.bot().id();
        Mono<Optional<BotUser>> user = request.userId() == null ? Mono.just(Optional.empty())
                : users.find(botId, request.userId());
        return Mono.zip(commands.resolve(botId, request.commandLine()), user,
                commands.find(botId, SpecialCommands.BEFORE_ALL), commands.find(botId, SpecialCommands.AFTER_ALL))
                .flatMap(found -> {
                    Optional<CommandDirectory.Matched> matched = found.getT1();
                    Optional<LibCommands.LibCommand> library = LibCommands.unlessTaken(
                            matched.map(botCommand -> botCommand.match().name()),
                            () -> InstalledLibs.of(request.bot().settings()), request.commandLine());
                    Optional<BotUser> loadedUser = found.getT2();
                    if (request.userId() != null && loadedUser.isEmpty()) {
                        return Mono.just(new Loaded.Missing(matched.isEmpty() && library.isEmpty()
                                ? "unknown command " + request.commandName() : "unknown user " + request.userId()));
                    }
                    if (loadedUser.map(BotUser::chatBlocked).orElse(false)) {
                        // As on BB, a blocked chat's user runs nothing (Bot.blockChat).
                        return Mono.just(new Loaded.Missing("chat " + loadedUser.get().chatId() + " of user "
                                + request.userId() + " is blocked"));
                    }
                    Command before = found.getT3().orElse(null);
                    Command after = found.getT4().orElse(null);
                    BotUser botUser = loadedUser.orElse(null);
                    boolean callsACommand = library.isPresent()
                            || matched.filter(m -> !SpecialCommands.MASTER.equals(m.match().name())).isPresent();
                    Mono<Loaded> called = Mono.fromSupplier(() -> called(botId, request, matched, library, botUser,
                            before, after));
                    if (botUser != null && botUser.waitingReply() != null && !callsACommand) {
                        // The text is the user's reply to the command waiting for one (only * or nothing took it).
                        return reply(botId, botUser, before, after).switchIfEmpty(called);
                    }
                    return called;
                })
                .flatMap(loaded -> loaded instanceof Loaded.Found run && run.command().settings().group() != null
                        ? inGroup(botId, run) : Mono.just(loaded));
    }

    /** The command the text calls; a user waiting for a reply who calls a command ends the wait, as on BB. */
    private static Loaded called(long botId, RunRequest request, Optional<CommandDirectory.Matched> matched,
            Optional<LibCommands.LibCommand> library, BotUser user, Command before, Command after) {
        if (matched.isEmpty() && library.isEmpty()) {
            return new Loaded.Missing("unknown command " + request.commandName());
        }
        Command command = library.map(lib -> libraryCommand(botId, lib)).orElseGet(() -> matched.get().command());
        String params = library.map(LibCommands.LibCommand::params).orElseGet(() -> matched.get().match().params());
        ReplyMode reply = user == null ? ReplyMode.NONE : command.settings().needReply() ? ReplyMode.ASK
                : user.waitingReply() != null ? ReplyMode.END_WAIT : ReplyMode.NONE;
        return new Loaded.Found(command, params, user, before, after, null, reply);
    }

    /**
     * BB's "Wait for answer": the waiting command's code runs with the reply as {@code message} and the options it
     * was asked with, and the wait ends. Empty when that command has been deleted since.
     */
    private Mono<Loaded> reply(long botId, BotUser user, Command before, Command after) {
        JsonNode wait = user.waitingReply();
        JsonNode options = wait.path("options");
        return commands.find(botId, wait.path("command").asString("")).flatMap(waiting -> Mono.justOrEmpty(waiting.<Loaded>map(
                command -> new Loaded.Found(command, "", user, before, after,
                        options.isNull() || options.isMissingNode() ? null : options, ReplyMode.REPLY))));
    }

    /**
     * A command of a BB user group runs only for that group's users ({@code User.addToGroup}); read only for such a
     * command, so other runs pay nothing for it.
     */
    private Mono<Loaded> inGroup(long botId, Loaded.Found run) {
        String group = run.command().settings().group();
        Loaded refused = new Loaded.Missing("command " + run.command().name() + " is only for users of group " + group);
        if (run.user() == null) {
            return Mono.just(refused);
        }
        return properties.find(new PropertyKey(botId, run.user().id(), UserGroups.PROPERTY))
                .map(value -> group.equals(value.value().asString()) ? (Loaded) run : refused)
                .defaultIfEmpty(refused);
    }

    /** A store library's command (a payment callback, say) when the bot has no command the text calls, or only {@code *}. */
    private static Command libraryCommand(long botId, LibCommands.LibCommand lib) {
        return new Command(botId, lib.name(), lib.code(), LibCommands.VERSION, Instant.EPOCH);
    }

    sealed interface Loaded {

        /**
         * @param params BJS {@code params} as the match gave them
         * @param user   null on a global webhook
         * @param before the bot's {@code @} command, null when it has none
         * @param after  the bot's {@code @@} command, null when it has none
         * @param options the options to run with instead of the request's (a reply's, saved with its question); null
         *                for the request's
         * @param reply   BB's "Wait for answer": whether the command asks, or this run ends the user's wait
         */
        record Found(Command command, String params, BotUser user, Command before, Command after, JsonNode options,
                ReplyMode reply) implements Loaded {
        }

        record Missing(String reason) implements Loaded {
        }
    }
}
