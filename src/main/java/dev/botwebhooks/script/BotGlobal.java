package dev.botwebhooks.script;

import dev.botwebhooks.job.JobCancellation;
import dev.botwebhooks.job.JobRequest;
import dev.botwebhooks.message.OutgoingMessage;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.error;
import static dev.botwebhooks.script.JsValues.get;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.isPlainObject;
import static dev.botwebhooks.script.JsValues.rangeError;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * {@code Bot}: messages, the bot's properties ({@link PropertyFunctions}), jobs ({@code Bot.run},
 * {@code Bot.clearRunAfter}), broadcasts ({@link BotRunAll}) and other commands run inline ({@code Bot.runCommand}).
 */
final class BotGlobal implements BjsGlobal {

    /** Bot.runCommand nesting: deep enough for a dispatcher calling helpers, shallow enough to stop a cycle early. */
    private static final int MAX_SUB_COMMAND_DEPTH = 10;
    private static final int MAX_LABEL_CHARS = 100;
    /** A year; a longer wait is better kept in the bot's own properties. */
    private static final double MAX_RUN_AFTER_SECONDS = 366 * 24 * 3600;

    /** The functions made on first read, the same list for every run. */
    private static final List<LazyFunctions.Lazy> LAZY = Stream.of(BotChatFunctions.LAZY.stream(),
            Stream.of(BotRunAll.LAZY), CacheHints.BOT.stream()).flatMap(lazy -> lazy).toList();

    private final BjsEnvironment env;
    private final BjsRun.Compiler compiler;
    /** Host reads of Bot.run and Bot.runCommand, once per name in a run: a loop of Bot.run calls is common. */
    private final Map<String, Optional<CommandCall>> commandsRead = new HashMap<>();
    private final Map<Long, Boolean> usersRead = new HashMap<>();
    private int subCommandDepth;

    BotGlobal(BjsEnvironment env, BjsRun.Compiler compiler) {
        this.env = env;
        this.compiler = compiler;
    }

    @Override
    public void install(Context cx) {
        Scriptable api = new LazyFunctions(env, LAZY);
        env.function(api, "sendMessage", 2, this::sendMessage);
        PropertyFunctions.ofBot(env).install(api);
        new BotChatFunctions(env).install(api);
        env.function(api, "run", 1, this::run);
        env.function(api, "clearRunAfter", 1, (c, args) -> clearRunAfter(args));
        env.function(api, "runCommand", 2, this::runCommand);
        env.define("Bot", api);
    }

    /** {@code (text, options)} or {@code ({text, ...options})}; the last message is the run's answer. */
    private Object sendMessage(Context cx, Object[] args) {
        Object first = arg(args, 0);
        Object text;
        Object options;
        if (isPlainObject(first)) {
            text = get((Scriptable) first, "text");
            options = first;
        } else {
            text = first;
            options = arg(args, 1);
        }
        // undefined is sent as "undefined", as JavaScript on BB does: coerced, not refused.
        env.output().countMessage();
        String body = Placeholders.fill(env, ScriptRuntime.toString(text));
        int maxChars = env.limits().maxMessageChars();
        if (body.length() > maxChars) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, "message is " + body.length()
                    + " characters, the limit is " + maxChars);
        }
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        if (isPlainObject(options) && JsValues.toJson(cx, env.scope(), options) instanceof ObjectNode json) {
            extra = json;
            extra.remove("text");
        }
        MessageFormat.asBotSendsIt(extra);
        ResultProperty.take(env, extra, false, "Bot.sendMessage");
        // As with Api.*: on_result runs a command with the chat API's answer (options.result.message_id).
        String onResult = ApiGlobal.callbackCommand(extra.remove("on_result"), "Bot.sendMessage", "on_result");
        String onError = ApiGlobal.callbackCommand(extra.remove("on_error"), "Bot.sendMessage", "on_error");
        ScriptRun run = env.run();
        // BB's object form may name the chat ({text, chat_id}): a global webhook or a job without a user sends so.
        JsonNode chatId = extra.remove("chat_id");
        if (chatId != null && !chatId.isNull() && !chatId.asString().isBlank()) {
            env.output().addMessage(new OutgoingMessage(run.userId(), chatId.asString(), body, extra,
                    OutgoingMessage.SEND_MESSAGE, onResult, onError));
            return Undefined.instance;
        }
        if (run.chatId() != null) {
            env.output().addMessage(new OutgoingMessage(run.userId(), run.chatId(), body, extra,
                    OutgoingMessage.SEND_MESSAGE, onResult, onError));
        }
        env.output().answer(body);
        return Undefined.instance;
    }

    private Object run(Context cx, Object[] args) {
        BotRunAll.refuseInRecipient(env, "Bot.run");
        Scriptable call = BjsArguments.callObject(args,
                "Bot.run expects an object: {command, options, run_after, user_id, user_telegramid, label}");
        String commandLine = commandLine(get(call, "command"), "Bot.run");
        Object runAfter = get(call, "run_after");
        double seconds = 0;
        if (!isAbsent(runAfter)) {
            seconds = runAfter instanceof Number n ? n.doubleValue() : Double.NaN;
            if (!(seconds >= 0 && seconds <= MAX_RUN_AFTER_SECONDS)) {
                throw rangeError("Bot.run: run_after must be a number of seconds from 0 to "
                        + (long) MAX_RUN_AFTER_SECONDS + ", not " + describe(runAfter));
            }
        }
        Object userArg = get(call, "user_id");
        // A chat here is its user's private chat, named by its Telegram id (chat.id): chat_id finds the user as
        // user_telegramid does.
        Object telegramArg = isAbsent(get(call, "user_telegramid")) ? get(call, "chat_id") : get(call, "user_telegramid");
        Long currentUser = env.run().userId();
        Long user;
        if (!isAbsent(userArg)) {
            user = BjsArguments.userId(userArg, "Bot.run");
        } else if (!isAbsent(telegramArg)) {
            user = BjsArguments.userOfTelegramId(env, telegramArg, "Bot.run");
            if (user == null) {
                throw error("Bot.run: no user has telegramid (or chat) " + ScriptRuntime.toString(telegramArg));
            }
        } else {
            user = currentUser;
        }
        String label = label(get(call, "label"), "Bot.run");
        JsonNode options = jobOptions(cx, get(call, "options"));
        env.output().requireRoomForJob();
        if (Boolean.TRUE.equals(get(call, "ignoreMissingCommand")) && findCommand(commandLine).isEmpty()) {
            // BB's flag: a command that may not exist (yet) is no error; nothing is scheduled.
            return Undefined.instance;
        }
        requireCommand(commandLine, "Bot.run");
        if (user != null && !user.equals(currentUser) && !usersRead.computeIfAbsent(user,
                id -> env.callHost("bot data is unavailable", () -> env.host().userExists(id)))) {
            throw error("Bot.run: unknown user " + user);
        }
        env.output().addJob(new JobRequest(commandLine, options, user, label,
                Duration.ofNanos(Math.round(seconds * 1e9))));
        return Undefined.instance;
    }

    private Object clearRunAfter(Object[] args) {
        Object first = arg(args, 0);
        String label = null;
        if (isPlainObject(first)) {
            label = label(get((Scriptable) first, "label"), "Bot.clearRunAfter");
        } else if (!isAbsent(first)) {
            throw typeError("Bot.clearRunAfter expects {label}, or nothing to clear every pending run of the bot");
        }
        env.output().cancelJobs(new JobCancellation(label));
        return Undefined.instance;
    }

    /** Runs another command inside this run: same user, chat, effects and answer; its own options and params. */
    private Object runCommand(Context cx, Object[] args) {
        BotRunAll.refuseInRecipient(env, "Bot.runCommand");
        String commandLine = commandLine(arg(args, 0), "Bot.runCommand");
        if (subCommandDepth >= MAX_SUB_COMMAND_DEPTH) {
            throw error("too many sub commands: Bot.runCommand nests at most " + MAX_SUB_COMMAND_DEPTH + " deep");
        }
        CommandCall call = requireCommand(commandLine, "Bot.runCommand");
        Object options = arg(args, 1);
        CommandAnswer answer = CommandAnswer.of(call.settings());
        if (answer != null) {
            // As when a text calls it, BB sends the command's answer before its code.
            answer.send(env);
        }
        if (call.settings().needReply() && env.run().userId() != null) {
            // BB's "Wait for answer": the question now; the user's reply runs the code, with these options.
            WaitForReply.store(env.output(), env.run(), env.limits(), call.source().commandName(),
                    isAbsent(options) ? null : JsValues.toJson(cx, env.scope(), options));
            return Undefined.instance;
        }
        Script script = compiler.compile(cx, call.source());
        // A scope of its own whose prototype is the run's, so the command's globals are its own
        // while Bot, User, user and the buffers stay the run's.
        Scriptable sub = cx.newObject(env.scope());
        sub.setPrototype(env.scope());
        sub.setParentScope(null);
        ScriptableObject.putProperty(sub, "options", isAbsent(options) ? null : options);
        ScriptableObject.putProperty(sub, "params", call.params());
        ScriptableObject.putProperty(sub, "message", commandLine);
        Scriptable subCommand = RunValues.command(cx, env.scope(), call.source().commandName(), call.settings());
        ScriptableObject.putProperty(sub, "command", subCommand);
        // The command that called it has completed as far as BB counts: the sub command passes BB's guard.
        ScriptableObject.putProperty(sub, "completed_commands_count", env.run().completedCommands() + subCommandDepth + 1);
        // Code defined in the run's scope (libraries, SmartBot's handle()) reads command there: while the sub command
        // runs, it is the sub command.
        Object outerCommand = ScriptableObject.getProperty(env.scope(), "command");
        ScriptableObject.putProperty(env.scope(), "command", subCommand);
        subCommandDepth++;
        try {
            script.exec(cx, sub);
        } finally {
            subCommandDepth--;
            if (outerCommand == Scriptable.NOT_FOUND) {
                ScriptableObject.deleteProperty(env.scope(), "command");
            } else {
                ScriptableObject.putProperty(env.scope(), "command", outerCommand);
            }
        }
        return Undefined.instance;
    }

    private static String commandLine(Object command, String function) {
        if (!(command instanceof CharSequence) || command.toString().isBlank()) {
            throw typeError(function + ": command is required, e.g. \"/userCommand\"");
        }
        return command.toString().strip();
    }

    private CommandCall requireCommand(String commandLine, String function) {
        return findCommand(commandLine).orElseThrow(() -> error(function + ": unknown command " + commandLine));
    }

    private Optional<CommandCall> findCommand(String commandLine) {
        return commandsRead.computeIfAbsent(commandLine,
                key -> env.callHost("bot data is unavailable", () -> env.host().call(key)));
    }

    private static String label(Object label, String function) {
        if (isAbsent(label)) {
            return null;
        }
        if (!(label instanceof CharSequence) || label.toString().isEmpty() || label.toString().length() > MAX_LABEL_CHARS) {
            throw typeError(function + ": label must be a string of 1 to " + MAX_LABEL_CHARS + " characters, not "
                    + describe(label));
        }
        return label.toString();
    }

    /** Stored with the job until it runs, so bounded like a property value. */
    private JsonNode jobOptions(Context cx, Object options) {
        if (isAbsent(options)) {
            return null;
        }
        JsonNode json = JsValues.toJson(cx, env.scope(), options);
        int maxBytes = env.limits().maxPropertyBytes();
        if (json != null && json.toString().length() > maxBytes) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, "Bot.run options are larger than "
                    + maxBytes + " characters of JSON");
        }
        return json;
    }
}
