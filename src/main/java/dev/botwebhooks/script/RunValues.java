package dev.botwebhooks.script;

import dev.botwebhooks.command.CommandSettings;
import tools.jackson.databind.JsonNode;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import static dev.botwebhooks.script.JsValues.arg;

/**
 * The plain values a command sees ({@code content}, {@code options}, {@code params}, {@code message},
 * {@code user}, {@code chat}, {@code request}, {@code bot}, {@code command}, {@code completed_commands_count}) and
 * {@code inspect}.
 */
final class RunValues implements BjsGlobal {

    private final BjsEnvironment env;

    RunValues(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        ScriptRun run = env.run();
        env.define("content", run.content());
        env.define("options", JsValues.fromJson(cx, env.scope(), run.options()));
        env.define("params", run.params() == null ? "" : run.params());
        env.define("message", run.message());
        env.define("user", JsValues.fromJson(cx, env.scope(), run.user()));
        env.define("chat", JsValues.fromJson(cx, env.scope(), run.chat()));
        // BB's Telegram update: none here (runs start from webhooks), but an object, as BB's code reads
        // request.data or request.message without checking for one.
        env.defineLazily("request", () -> env.newObject(Context.getCurrentContext()));
        env.define("completed_commands_count", run.completedCommands());
        // Made when read, as few commands read them: a run's setup is budgeted in microseconds.
        env.defineLazily("command", () -> command(Context.getCurrentContext(), env.scope(), run.source().commandName(),
                run.settings()));
        // BB's older name for the run's values, still in bots written for it: data.message, data.user, data.chat.
        env.defineLazily("data", () -> data(Context.getCurrentContext()));
        // An HTTP callback command reads the response as Bots.Business gives it: globals beside options.
        JsonNode options = run.options();
        if (options != null && options.has("http_status")) {
            env.define("http_status", JsValues.fromJson(cx, env.scope(), options.get("http_status")));
            env.define("http_headers", JsValues.fromJson(cx, env.scope(), options.get("http_headers")));
            env.define("cookies", JsValues.fromJson(cx, env.scope(), options.get("cookies")));
        }

        Scriptable bot = env.newObject(cx);
        ScriptableObject.putProperty(bot, "id", (double) run.source().botId());
        ScriptableObject.putProperty(bot, "name", run.botName());
        env.define("bot", bot);

        env.function(env.scope(), "inspect", 1, RunValues::inspect);
    }

    /** BB's {@code command}: the running command ({@code command.name}, and its settings as BB names them). */
    static Scriptable command(Context cx, Scriptable scope, String name, CommandSettings settings) {
        Scriptable command = cx.newObject(scope);
        ScriptableObject.putProperty(command, "name", name);
        if (settings != null) {
            ScriptableObject.putProperty(command, "folder", settings.folder());
            ScriptableObject.putProperty(command, "help", settings.help());
            ScriptableObject.putProperty(command, "answer", settings.answer());
            ScriptableObject.putProperty(command, "group", settings.group());
            ScriptableObject.putProperty(command, "need_reply", settings.needReply());
            ScriptableObject.putProperty(command, "aliases", cx.newArray(scope, settings.aliases().toArray()));
        }
        return command;
    }

    private Scriptable data(Context cx) {
        Scriptable data = env.newObject(cx);
        for (String name : new String[] {"message", "user", "chat", "bot", "params", "options", "request", "content"}) {
            Object value = ScriptableObject.getProperty(env.scope(), name);
            ScriptableObject.putProperty(data, name, value == Scriptable.NOT_FOUND ? null : value);
        }
        return data;
    }

    /** The global {@code inspect}: the text only ({@code Bot.inspect} also sends it). */
    static Object inspect(Context cx, Object[] args) {
        return JsValues.inspect(arg(args, 0));
    }
}
