package dev.botwebhooks.script;

import dev.botwebhooks.broadcast.ForChats;
import dev.botwebhooks.broadcast.RunAllRequest;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Undefined;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.error;
import static dev.botwebhooks.script.JsValues.get;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.isPlainObject;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * BB's {@code Bot.runAll({command, for_chats, options, on_create})}: a task that runs {@code command} once for each
 * chat of the bot (here: each user; see {@link ForChats}), with {@code options} plus {@code options.task}. Buffered
 * like a job, so the task exists only if the run commits; the scheduler hands its users out in batches. Made the first
 * time a script reads it ({@link LazyFunctions}): broadcasts are rare.
 */
final class BotRunAll {

    static final LazyFunctions.Lazy LAZY = new LazyFunctions.Lazy("runAll", 1, env -> new BotRunAll(env)::runAll);

    private static final String USAGE = "Bot.runAll expects an object: {command, for_chats, options, on_create}";

    private final BjsEnvironment env;

    private BotRunAll(BjsEnvironment env) {
        this.env = env;
    }

    /**
     * BB refuses these in the command a task runs for each chat: one run per chat that schedules more runs or makes
     * HTTP requests multiplies them by the bot's users. What they would fetch belongs in the task's options.
     */
    static void refuseInRecipient(BjsEnvironment env, String function) {
        if (env.run().runAllRecipient()) {
            throw error(function + " cannot be used in a command that Bot.runAll runs for each chat (as on BB): "
                    + "prepare what it needs before the task and pass it in the task's options");
        }
    }

    private Object runAll(Context cx, Object[] args) {
        refuseInRecipient(env, "Bot.runAll");
        Scriptable call = BjsArguments.callObject(args, USAGE);
        String command = command(get(call, "command"), "command");
        ForChats forChats = forChats(get(call, "for_chats"));
        ObjectNode options = options(cx, get(call, "options"));
        Object onCreateArg = get(call, "on_create");
        String onCreate = isAbsent(onCreateArg) ? null : command(onCreateArg, "on_create");
        env.output().requireRoomForRunAll();
        requireCommand(command, "command");
        if (onCreate != null) {
            requireCommand(onCreate, "on_create");
        }
        env.output().addRunAll(new RunAllRequest(command, forChats, options, onCreate));
        return Undefined.instance;
    }

    private static String command(Object value, String field) {
        if (!(value instanceof CharSequence) || value.toString().isBlank()) {
            throw typeError("Bot.runAll: " + field + " must be a command, e.g. \"/broadcast\", not " + describe(value));
        }
        return value.toString().strip();
    }

    /** As Bot.run: a task whose command does not exist would fail once per chat. */
    private void requireCommand(String commandLine, String field) {
        if (env.callHost("bot data is unavailable", () -> env.host().call(commandLine)).isEmpty()) {
            throw error("Bot.runAll: unknown command " + commandLine + " (" + field + ")");
        }
    }

    /** BB's default is {@code all}. */
    private static ForChats forChats(Object value) {
        if (isAbsent(value)) {
            return ForChats.ALL;
        }
        Optional<ForChats> kind = value instanceof CharSequence text ? ForChats.fromWireName(text.toString())
                : Optional.empty();
        return kind.orElseThrow(() -> typeError("Bot.runAll: for_chats must be one of "
                + String.join(", ", ForChats.wireNames()) + ", not " + describe(value)));
    }

    /** An object, since each run gets it with {@code options.task}; stored with the task, so bounded like Bot.run's. */
    private ObjectNode options(Context cx, Object value) {
        if (isAbsent(value)) {
            return null;
        }
        if (!isPlainObject(value)) {
            throw typeError("Bot.runAll: options must be an object (each chat's run gets it, with options.task), not "
                    + describe(value));
        }
        ObjectNode options = (ObjectNode) JsValues.toJson(cx, env.scope(), value);
        int maxBytes = env.limits().maxPropertyBytes();
        if (options.toString().length() > maxBytes) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, "Bot.runAll options are larger than "
                    + maxBytes + " characters of JSON");
        }
        return options;
    }
}
