package dev.botwebhooks.command;

/**
 * A command as called: {@code "/onPay 42"} is the command {@code /onPay} with the params {@code "42"}.
 * Parsed here only, so that webhooks, {@code Bot.run} and {@code Bot.runCommand} agree on where a
 * command's name ends (at the first whitespace of any kind).
 *
 * @param text   the whole call, without surrounding whitespace
 * @param name   its first word: the command to run
 * @param params the rest without surrounding whitespace ({@code ""} when none), as BJS {@code params}
 */
public record CommandLine(String text, String name, String params) {

    public static CommandLine parse(String text) {
        String trimmed = text.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isWhitespace(trimmed.charAt(i))) {
                return new CommandLine(trimmed, trimmed.substring(0, i), trimmed.substring(i + 1).strip());
            }
        }
        return new CommandLine(trimmed, trimmed, "");
    }
}
