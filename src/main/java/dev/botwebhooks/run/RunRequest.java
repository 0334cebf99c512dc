package dev.botwebhooks.run;

import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.command.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * A command to run for a bot.
 *
 * @param commandLine the command string, e.g. {@code "/onPay 42"}: its first word names the command
 * @param userId      the current user, null for a global webhook
 * @param options     what the script sees as {@code options}: the request for a webhook, the caller's for Bot.run
 * @param redirectTo  where to send the caller after a successful run, null for none
 */
public record RunRequest(Bot bot, String commandLine, Long userId, String content, JsonNode options,
        String redirectTo, CallContext call) {

    public String commandName() {
        return CommandLine.parse(commandLine).name();
    }

    /** The text after the command's first word, as BJS {@code params}. */
    public String params() {
        return CommandLine.parse(commandLine).params();
    }
}
