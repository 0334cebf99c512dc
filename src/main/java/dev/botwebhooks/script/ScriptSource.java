package dev.botwebhooks.script;

/** A command's code at one version; compiled scripts are cached by (botId, commandName, version). */
public record ScriptSource(long botId, String commandName, long version, String code) {
}
