package dev.botwebhooks.script;

import tools.jackson.databind.JsonNode;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptableObject;

import java.util.List;

/**
 * The BJS API of one run: the globals a command sees, and what they leave behind ({@link RunOutput}).
 * Host functions take and return JavaScript values only and reject bad arguments with JavaScript
 * errors; breaking an output limit aborts the run.
 */
final class BjsRun {

    private final ScriptRun run;
    private final ScriptHost host;
    private final ScriptLimits limits;
    private final SandboxContextFactory.Budget budget;
    private final Compiler compiler;
    private final RunOutput output;
    /** Made by {@link #install}, which a run calls first. */
    private BjsEnvironment env;

    /** Compiles a command for Bot.runCommand, or throws a JavaScript error saying why it does not compile. */
    interface Compiler {
        Script compile(Context cx, ScriptSource source);
    }

    BjsRun(ScriptRun run, ScriptHost host, ScriptLimits limits, SandboxContextFactory.Budget budget,
            Compiler compiler) {
        this.run = run;
        this.host = host;
        this.limits = limits;
        this.budget = budget;
        this.compiler = compiler;
        this.output = new RunOutput(limits);
    }

    String answer() {
        return output.answer();
    }

    CustomResponse customResponse() {
        return output.customResponse();
    }

    Effects effects() {
        return output.effects();
    }

    /** Sends the command's answer field as BB does, before its code: a message to the chat, and the answer so far. */
    void sendAnswer(CommandAnswer answer) {
        answer.send(env);
    }

    /**
     * BB's "Wait for answer": the user's next text that calls no command runs this command; stored with the run's
     * commit. The options a bot-started run had come back with the reply.
     */
    void waitForReply(String command, JsonNode options) {
        WaitForReply.store(output, run, limits, command, options);
    }

    /** The user's wait is over (this run is the reply, or another command was called). */
    void endWait() {
        output.deleteProperty(WaitForReply.key(run));
    }

    /** Defines the BJS globals in a run's own scope. */
    void install(Context cx, ScriptableObject runScope) {
        env = new BjsEnvironment(run, host, limits, budget::check, output, runScope);
        for (BjsGlobal global : globals(env)) {
            global.install(cx);
        }
    }

    /** Every BJS global, in the order a run defines them. */
    private List<BjsGlobal> globals(BjsEnvironment env) {
        return List.of(
                new RunValues(env),
                new BotGlobal(env, compiler),
                new UserGlobal(env),
                new WebhooksLib(env),
                new WebAppGlobal(env),
                new HttpGlobal(env),
                new ApiGlobal(env),
                new ListGlobal(env),
                new AdminPanelGlobal(env),
                new SmartBotGlobal(env),
                new RunAllTaskGlobal(env),
                new CryptoJsGlobal(env));
    }
}
