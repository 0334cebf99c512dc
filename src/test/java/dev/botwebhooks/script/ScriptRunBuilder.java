package dev.botwebhooks.script;

import dev.botwebhooks.command.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link ScriptRun} of a sandbox test: a run of bot "TestBot" called with the command's bare name,
 * without content or options, unless the test says otherwise. Public for the benchmarks.
 */
public final class ScriptRunBuilder {

    /** The current user of {@link #userRun}, Ann. */
    public static final long USER = 100;
    /** Ann's private chat. */
    public static final String CHAT = "555";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ScriptSource source;
    private final boolean ofUser;
    private String botName = "TestBot";
    private String commandLine;
    private String content;
    private JsonNode options;

    private ScriptRunBuilder(ScriptSource source, boolean ofUser) {
        this.source = source;
        this.ofUser = ofUser;
        this.commandLine = source.commandName();
    }

    /** A run without a current user or chat, as a global webhook's. */
    public static ScriptRunBuilder globalRun(ScriptSource source) {
        return new ScriptRunBuilder(source, false);
    }

    /** A run of Ann ({@link #USER}) in her private chat ({@link #CHAT}), as a user webhook's. */
    public static ScriptRunBuilder userRun(ScriptSource source) {
        return new ScriptRunBuilder(source, true);
    }

    public ScriptRunBuilder botName(String name) {
        this.botName = name;
        return this;
    }

    /** The command as called, e.g. {@code "/cmd 42"}: the run's {@code message}, and its {@code params} after the name. */
    public ScriptRunBuilder commandLine(String text) {
        this.commandLine = text;
        return this;
    }

    public ScriptRunBuilder content(String content) {
        this.content = content;
        return this;
    }

    public ScriptRunBuilder options(String json) {
        this.options = JSON.readTree(json);
        return this;
    }

    public ScriptRun build() {
        return new ScriptRun(source, botName, commandLine, CommandLine.parse(commandLine).params(), content, options,
                ofUser ? JSON.readTree("{\"id\":" + USER + ",\"first_name\":\"Ann\"}") : null,
                ofUser ? JSON.readTree("{\"chatid\":\"" + CHAT + "\",\"chat_type\":\"private\"}") : null,
                ofUser ? USER : null, ofUser ? CHAT : null);
    }
}
