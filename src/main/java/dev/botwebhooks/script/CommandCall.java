package dev.botwebhooks.script;

/**
 * A command called by a text inside a run (Bot.runCommand, Bot.run).
 *
 * @param params BJS {@code params}: what followed the command's first word when that is what matched, else {@code ""}
 */
public record CommandCall(ScriptSource source, String params) {
}
