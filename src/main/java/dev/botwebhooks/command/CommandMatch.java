package dev.botwebhooks.command;

/**
 * The command a text calls.
 *
 * @param name   the command's name (the text itself, its first word, an alias's command, or {@code *})
 * @param params what follows the first word when that is what matched, else {@code ""}: BJS {@code params}
 */
public record CommandMatch(String name, String params) {
}
