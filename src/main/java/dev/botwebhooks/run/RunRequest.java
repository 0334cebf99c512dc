package dev.botwebhooks.run;

import dev.botwebhooks.bot.Bot;
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
        String trimmed = commandLine.strip();
        int space = indexOfWhitespace(trimmed);
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /** The text after the command's first word, as BJS {@code params}. */
    public String params() {
        String trimmed = commandLine.strip();
        int space = indexOfWhitespace(trimmed);
        return space < 0 ? "" : trimmed.substring(space + 1).strip();
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
