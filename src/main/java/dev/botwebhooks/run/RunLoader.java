package dev.botwebhooks.run;

import dev.botwebhooks.command.Command;
import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.command.SpecialCommands;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.script.InstalledLibs;
import dev.botwebhooks.script.LibCommands;
import dev.botwebhooks.user.BotUser;
import dev.botwebhooks.user.UserDirectory;
import dev.botwebhooks.user.UserGroups;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

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
                .map(found -> {
                    Optional<CommandDirectory.Matched> matched = found.getT1();
                    Optional<LibCommands.LibCommand> library = LibCommands.unlessTaken(
                            matched.map(botCommand -> botCommand.match().name()),
                            () -> InstalledLibs.of(request.bot().settings()), request.commandLine());
                    if (matched.isEmpty() && library.isEmpty()) {
                        return new Loaded.Missing("unknown command " + request.commandName());
                    }
                    if (request.userId() != null && found.getT2().isEmpty()) {
                        return new Loaded.Missing("unknown user " + request.userId());
                    }
                    if (found.getT2().map(BotUser::chatBlocked).orElse(false)) {
                        // As on BB, a blocked chat's user runs nothing (Bot.blockChat).
                        return new Loaded.Missing("chat " + found.getT2().get().chatId() + " of user " + request.userId()
                                + " is blocked");
                    }
                    Command command = library.map(lib -> libraryCommand(botId, lib)).orElseGet(() -> matched.get().command());
                    String params = library.map(LibCommands.LibCommand::params).orElseGet(() -> matched.get().match().params());
                    return (Loaded) new Loaded.Found(command, params, found.getT2().orElse(null),
                            found.getT3().orElse(null), found.getT4().orElse(null));
                })
                .flatMap(loaded -> loaded instanceof Loaded.Found run && run.command().settings().group() != null
                        ? inGroup(botId, run) : Mono.just(loaded));
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
         */
        record Found(Command command, String params, BotUser user, Command before, Command after) implements Loaded {
        }

        record Missing(String reason) implements Loaded {
        }
    }
}
