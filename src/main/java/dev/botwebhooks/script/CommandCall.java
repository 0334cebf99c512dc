package dev.botwebhooks.script;

import dev.botwebhooks.command.CommandSettings;

/**
 * A command called by a text inside a run (Bot.runCommand, Bot.run).
 *
 * @param params   BJS {@code params}: what followed the command's first word when that is what matched, else {@code ""}
 * @param settings the command's BB settings: its {@code answer}, and whether it waits for a reply ({@code need_reply})
 */
public record CommandCall(ScriptSource source, String params, CommandSettings settings) {

    public CommandCall(ScriptSource source, String params) {
        this(source, params, CommandSettings.NONE);
    }
}
