package dev.botwebhooks.script;

import dev.botwebhooks.command.CommandLine;
import dev.botwebhooks.command.SpecialCommands;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The commands a store library answers, as BB's libraries declare them with {@code on(name, handler)}: the payment
 * libraries' callback URLs and HTTP callbacks name them ({@code oxapaylibonCallback}). A text calls one when the bot
 * has the library installed and has no command of that name; it is matched before the master command {@code *}.
 */
public final class LibCommands {

    /** The version of every library command's code: it is made here, never saved, so never a saved version. */
    public static final long VERSION = -1;

    private LibCommands() {
    }

    /**
     * A library command as a text calls it.
     *
     * @param params what follows the command's name, BJS {@code params} (libraries pass callback names this way)
     */
    public record LibCommand(String library, String name, String params) {

        /** The code a run of this command runs: the library's handler, with the run's {@code content}, {@code options}, {@code params}. */
        public String code() {
            return "return Libs." + LibsObject.RUN_COMMAND + "(\"" + library + "\", \"" + name
                    + "\", typeof options === \"undefined\" ? undefined : options, params, message);";
        }

        public ScriptSource source(long botId) {
            return new ScriptSource(botId, name, VERSION, code());
        }
    }

    /**
     * The library command a text calls when no command of the bot takes it: the bot's commands matched nothing, or only
     * the master command {@code *}, which a library's callback must not fall into. One rule for a webhook's command
     * and for {@code Bot.run}/{@code Bot.runCommand}.
     *
     * @param botCommand the name of the bot's command the text matched, if any
     */
    public static Optional<LibCommand> unlessTaken(Optional<String> botCommand, Supplier<InstalledLibs> installed,
            String text) {
        if (botCommand.isPresent() && !botCommand.get().equals(SpecialCommands.MASTER)) {
            return Optional.empty();
        }
        return match(installed.get(), text);
    }

    /** The library command a text (its first word) names, when the library is installed. */
    public static Optional<LibCommand> match(InstalledLibs installed, String text) {
        CommandLine line = CommandLine.parse(text);
        return BundledLibs.libraryOf(line.name()).filter(installed::has)
                .map(library -> new LibCommand(library, line.name(), line.params()));
    }
}
