package dev.botwebhooks.script;



import dev.botwebhooks.job.JobCancellation;
import dev.botwebhooks.job.JobRequest;
import dev.botwebhooks.command.CommandLine;
import dev.botwebhooks.message.OutgoingMessage;
import dev.botwebhooks.property.PropertyChange;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.url.WebhookUrlRequest;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.SerializableCallable;
import org.mozilla.javascript.Undefined;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.error;
import static dev.botwebhooks.script.JsValues.get;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.isPlainObject;
import static dev.botwebhooks.script.JsValues.rangeError;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * The BJS API of one run (DESIGN.md, "What a webhook command sees") and the effects it buffers.
 * Host functions take and return JavaScript values only and reject bad arguments with JavaScript
 * errors; breaking an output limit aborts the run.
 */
final class BjsRun {

    static final int MAX_RENDER_HEADERS = 50;
    private static final int MAX_HEADER_VALUE_CHARS = 8192;
    private static final int MAX_MIME_TYPE_CHARS = 255;
    private static final Pattern HEADER_TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final Set<String> REFUSED_HEADERS =
            Set.of("content-length", "transfer-encoding", "connection", "content-type");
    private static final String NO_USER = "no current user: User.* needs a user webhook";
    /** Bot.runCommand nesting: deep enough for a dispatcher calling helpers, shallow enough to stop a cycle early. */
    static final int MAX_SUB_COMMAND_DEPTH = 10;
    /** Bot.run and Bot.clearRunAfter calls kept per run. */
    static final int MAX_SCHEDULED_RUNS = 100;
    static final int MAX_LABEL_CHARS = 100;
    /** A year; a longer wait is better kept in the bot's own properties. */
    static final double MAX_RUN_AFTER_SECONDS = 366 * 24 * 3600;

    private final ScriptRun run;
    private final ScriptHost host;
    private final ScriptLimits limits;
    private final PropertyCodec codec;
    private final SandboxContextFactory.Budget budget;
    private final Map<PropertyKey, PropertyChange> propertyChanges = new LinkedHashMap<>();
    private final List<OutgoingMessage> messages = new ArrayList<>();
    private final List<JobRequest> scheduledRuns = new ArrayList<>();
    private final List<JobCancellation> clearances = new ArrayList<>();
    private final Compiler compiler;
    /** Host reads of Bot.run and Bot.runCommand, once per name in a run: a loop of Bot.run calls is common. */
    private final Map<String, Optional<ScriptSource>> commandsRead = new HashMap<>();
    private final Map<Long, Boolean> usersRead = new HashMap<>();
    private int subCommandDepth;
    private int propertyWrites;
    private int messageCalls;
    private String answer;
    private CustomResponse customResponse;
    private Scriptable scope;

    /** Compiles a command for Bot.runCommand, or throws a JavaScript error saying why it does not compile. */
    interface Compiler {
        Script compile(Context cx, ScriptSource source);
    }

    BjsRun(ScriptRun run, ScriptHost host, ScriptLimits limits, SandboxContextFactory.Budget budget,
            Compiler compiler) {
        this.run = run;
        this.compiler = compiler;
        this.budget = budget;
        this.host = host;
        this.limits = limits;
        this.codec = new PropertyCodec(limits);
    }

    String answer() {
        return answer;
    }

    CustomResponse customResponse() {
        return customResponse;
    }

    /** One change per property (its last write), in the order the properties were first written. */
    Effects effects() {
        if (propertyChanges.isEmpty() && messages.isEmpty() && scheduledRuns.isEmpty() && clearances.isEmpty()) {
            return Effects.NONE;
        }
        return new Effects(List.copyOf(propertyChanges.values()), List.copyOf(messages), List.copyOf(scheduledRuns),
                List.copyOf(clearances));
    }

    /** Defines the BJS globals in a run's own scope. */
    void install(Context cx, ScriptableObject runScope) {
        this.scope = runScope;
        define("content", run.content());
        define("options", JsValues.fromJson(cx, scope, run.options()));
        define("params", run.params() == null ? "" : run.params());
        define("message", run.message());
        define("user", JsValues.fromJson(cx, scope, run.user()));
        define("chat", JsValues.fromJson(cx, scope, run.chat()));
        define("request", null);

        Scriptable bot = cx.newObject(scope);
        ScriptableObject.putProperty(bot, "id", (double) run.source().botId());
        ScriptableObject.putProperty(bot, "name", run.botName());
        define("bot", bot);

        Scriptable botApi = cx.newObject(scope);
        function(botApi, "sendMessage", 2, (c, s, t, args) -> sendMessage(c, args));
        function(botApi, "setProp", 3, (c, s, t, args) -> setProp(c, args, false));
        function(botApi, "setProperty", 3, (c, s, t, args) -> setProp(c, args, false));
        function(botApi, "getProp", 2, (c, s, t, args) -> getProp(c, args, false));
        function(botApi, "getProperty", 2, (c, s, t, args) -> getProp(c, args, false));
        function(botApi, "deleteProp", 1, (c, s, t, args) -> deleteProp(args, false));
        function(botApi, "inspect", 1, (c, s, t, args) -> JsValues.inspect(arg(args, 0)));
        function(botApi, "run", 1, (c, s, t, args) -> botRun(c, args));
        function(botApi, "clearRunAfter", 1, (c, s, t, args) -> clearRunAfter(args));
        function(botApi, "runCommand", 2, (c, s, t, args) -> runCommand(c, args));
        define("Bot", botApi);

        Scriptable userApi = cx.newObject(scope);
        function(userApi, "setProp", 3, (c, s, t, args) -> setProp(c, args, true));
        function(userApi, "setProperty", 3, (c, s, t, args) -> setProp(c, args, true));
        function(userApi, "getProp", 2, (c, s, t, args) -> getProp(c, args, true));
        function(userApi, "getProperty", 2, (c, s, t, args) -> getProp(c, args, true));
        function(userApi, "deleteProp", 1, (c, s, t, args) -> deleteProp(args, true));
        define("User", userApi);

        Scriptable webhooks = cx.newObject(scope);
        function(webhooks, "getUrlFor", 1, (c, s, t, args) -> webhookUrl(c, args, false));
        function(webhooks, "getGlobalUrl", 1, (c, s, t, args) -> webhookUrl(c, args, true));
        function(webhooks, "verifyHmac", 1, (c, s, t, args) -> HmacHelper.verify(args));
        Scriptable libs = cx.newObject(scope);
        ScriptableObject.putProperty(libs, "Webhooks", webhooks);
        define("Libs", libs);

        Scriptable webApp = cx.newObject(scope);
        function(webApp, "render", 1, (c, s, t, args) -> render(c, args));
        define("WebApp", webApp);

        function(scope, "inspect", 1, (c, s, t, args) -> JsValues.inspect(arg(args, 0)));
    }

    private void define(String name, Object value) {
        ScriptableObject.putProperty(scope, name, value);
    }

    private void function(Scriptable target, String name, int arity, SerializableCallable body) {
        ScriptableObject.putProperty(target, name, new LambdaFunction(scope, name, arity, body));
    }

    // ---- Bot.sendMessage

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
        if (text == Undefined.instance) {
            throw typeError("Bot.sendMessage: text is required");
        }
        if (++messageCalls > limits.maxMessages()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT,
                    "message limit exceeded: at most " + limits.maxMessages() + " messages per run");
        }
        String body = ScriptRuntime.toString(text);
        if (body.length() > limits.maxMessageChars()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, "message is " + body.length()
                    + " characters, the limit is " + limits.maxMessageChars());
        }
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        if (isPlainObject(options) && JsValues.toJson(cx, scope, options) instanceof ObjectNode json) {
            extra = json;
            extra.remove("text");
        }
        if (run.chatId() != null) {
            messages.add(new OutgoingMessage(run.userId(), run.chatId(), body, extra));
        }
        answer = body;
        return Undefined.instance;
    }

    // ---- Bot.run, Bot.clearRunAfter, Bot.runCommand

    private Object botRun(Context cx, Object[] args) {
        Object first = arg(args, 0);
        if (!isPlainObject(first)) {
            throw typeError("Bot.run expects an object: {command, options, run_after, user_id, label}");
        }
        Scriptable call = (Scriptable) first;
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
        Long user = isAbsent(userArg) ? run.userId() : userId(userArg, "Bot.run");
        String label = label(get(call, "label"), "Bot.run");
        JsonNode options = scheduledOptions(cx, get(call, "options"));
        if (scheduledRuns.size() >= MAX_SCHEDULED_RUNS) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT,
                    "Bot.run limit exceeded: at most " + MAX_SCHEDULED_RUNS + " jobs per run");
        }
        requireCommand(commandLine, "Bot.run");
        if (user != null && !user.equals(run.userId())
                && !usersRead.computeIfAbsent(user, id -> hostCall(() -> host.userExists(id)))) {
            throw error("Bot.run: unknown user " + user);
        }
        scheduledRuns.add(new JobRequest(commandLine, options, user, label,
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
        JobCancellation clearance = new JobCancellation(label);
        scheduledRuns.removeIf(clearance::matches);
        if (!clearances.contains(clearance)) {
            if (clearances.size() >= MAX_SCHEDULED_RUNS) {
                throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT,
                        "Bot.clearRunAfter limit exceeded: at most " + MAX_SCHEDULED_RUNS + " labels per run");
            }
            clearances.add(clearance);
        }
        return Undefined.instance;
    }

    /** Runs another command inside this run: same user, chat, effects and answer; its own options and params. */
    private Object runCommand(Context cx, Object[] args) {
        String commandLine = commandLine(arg(args, 0), "Bot.runCommand");
        if (subCommandDepth >= MAX_SUB_COMMAND_DEPTH) {
            throw error("too many sub commands: Bot.runCommand nests at most " + MAX_SUB_COMMAND_DEPTH + " deep");
        }
        Script script = compiler.compile(cx, requireCommand(commandLine, "Bot.runCommand"));
        // A scope of its own whose prototype is the run's, so the command's globals are its own
        // while Bot, User, user and the buffers stay the run's.
        Scriptable sub = cx.newObject(scope);
        sub.setPrototype(scope);
        sub.setParentScope(null);
        Object options = arg(args, 1);
        ScriptableObject.putProperty(sub, "options", isAbsent(options) ? null : options);
        ScriptableObject.putProperty(sub, "params", CommandLine.parse(commandLine).params());
        ScriptableObject.putProperty(sub, "message", commandLine);
        subCommandDepth++;
        try {
            script.exec(cx, sub);
        } finally {
            subCommandDepth--;
        }
        return Undefined.instance;
    }

    private static String commandLine(Object command, String function) {
        if (!(command instanceof CharSequence) || command.toString().isBlank()) {
            throw typeError(function + ": command is required, e.g. \"/userCommand\"");
        }
        return command.toString().strip();
    }

    private ScriptSource requireCommand(String commandLine, String function) {
        String name = CommandLine.parse(commandLine).name();
        return commandsRead.computeIfAbsent(name, key -> hostCall(() -> host.command(key)))
                .orElseThrow(() -> error(function + ": unknown command " + name));
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

    private JsonNode scheduledOptions(Context cx, Object options) {
        if (isAbsent(options)) {
            return null;
        }
        JsonNode json = JsValues.toJson(cx, scope, options);
        if (json != null && json.toString().length() > limits.maxPropertyBytes()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, "Bot.run options are larger than "
                    + limits.maxPropertyBytes() + " characters of JSON");
        }
        return json;
    }

    /** A blocking host read: a failure is the infrastructure's, and the time spent blocked counts. */
    private <T> T hostCall(Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            throw new RunAborted(ScriptFailure.Kind.INFRASTRUCTURE, "bot data is unavailable", e);
        }
        budget.check();
        return result;
    }

    // ---- properties

    /** Where a property call points: its key, and the value and type arguments it carried. */
    private record PropertyCall(PropertyKey key, Object value, Object type) {
    }

    private PropertyCall propertyCall(Object[] args, boolean ofUser, String function) {
        Object first = arg(args, 0);
        Object name;
        Object value;
        Object type;
        Object userId = Undefined.instance;
        if (isPlainObject(first)) {
            Scriptable call = (Scriptable) first;
            name = get(call, "name");
            value = get(call, "value");
            type = get(call, "type");
            userId = get(call, "user_id");
        } else {
            name = first;
            value = arg(args, 1);
            type = arg(args, 2);
        }
        String owner = ofUser ? "User." : "Bot.";
        if (!(name instanceof CharSequence) || name.toString().isEmpty()) {
            throw typeError(owner + function + ": the property name must be a non-empty string, not "
                    + describe(name));
        }
        String propertyName = name.toString();
        if (propertyName.length() > PropertyCodec.MAX_NAME_CHARS) {
            throw rangeError(owner + function + ": property names are at most " + PropertyCodec.MAX_NAME_CHARS
                    + " characters");
        }
        Long user;
        if (ofUser) {
            if (run.userId() == null) {
                throw error(NO_USER);
            }
            user = run.userId();
        } else {
            user = isAbsent(userId) ? null : userId(userId, owner + function);
        }
        return new PropertyCall(new PropertyKey(run.source().botId(), user, propertyName), value, type);
    }

    private Object setProp(Context cx, Object[] args, boolean ofUser) {
        PropertyCall call = propertyCall(args, ofUser, "setProp");
        PropertyValue value = codec.encode(cx, scope, call.key().name(), call.value(), call.type());
        countWrite();
        propertyChanges.put(call.key(), new PropertyChange.Put(call.key(), value));
        return Undefined.instance;
    }

    private Object getProp(Context cx, Object[] args, boolean ofUser) {
        PropertyCall call = propertyCall(args, ofUser, "getProp");
        Object fallback = isPlainObject(arg(args, 0)) ? call.value() : arg(args, 1);
        PropertyChange buffered = propertyChanges.get(call.key());
        Optional<PropertyValue> value;
        if (buffered instanceof PropertyChange.Put put) {
            value = Optional.of(put.value());
        } else if (buffered instanceof PropertyChange.Delete) {
            value = Optional.empty();
        } else {
            value = readProperty(call.key());
        }
        return value.map(v -> codec.decode(cx, scope, v)).orElse(fallback);
    }

    private Object deleteProp(Object[] args, boolean ofUser) {
        PropertyCall call = propertyCall(args, ofUser, "deleteProp");
        countWrite();
        propertyChanges.put(call.key(), new PropertyChange.Delete(call.key()));
        return Undefined.instance;
    }

    private Optional<PropertyValue> readProperty(PropertyKey key) {
        Optional<PropertyValue> value;
        try {
            value = host.readProperty(key.userId(), key.name());
        } catch (RuntimeException e) {
            throw new RunAborted(ScriptFailure.Kind.INFRASTRUCTURE, "property storage is unavailable", e);
        }
        // The instruction observer cannot see time spent blocked here.
        budget.check();
        return value;
    }

    private void countWrite() {
        if (++propertyWrites > limits.maxPropertyWrites()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT,
                    "property write limit exceeded: at most " + limits.maxPropertyWrites() + " writes per run");
        }
    }

    private static Long userId(Object value, String function) {
        double number = value instanceof CharSequence text ? ScriptRuntime.toNumber(text.toString())
                : value instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!JsValues.isWholeNumber(number) || Math.abs(number) > PropertyCodec.MAX_SAFE_INTEGER) {
            throw typeError(function + ": user_id must be a whole number, not " + describe(value));
        }
        return (long) number;
    }

    // ---- Libs.Webhooks

    private Object webhookUrl(Context cx, Object[] args, boolean global) {
        String function = "Libs.Webhooks." + (global ? "getGlobalUrl" : "getUrlFor");
        Object first = arg(args, 0);
        if (!isPlainObject(first)) {
            throw typeError(function + " expects an object: {command, content, redirect_to, expires_in}");
        }
        Scriptable call = (Scriptable) first;
        Object command = get(call, "command");
        if (!(command instanceof CharSequence) || command.toString().isBlank()) {
            throw typeError(function + ": command is required");
        }
        Object content = get(call, "content");
        String contentText = isAbsent(content) ? null
                : content instanceof CharSequence text ? text.toString()
                : JsValues.stringify(cx, scope, content);
        Object userId = get(call, "user_id");
        Long user = global ? null : isAbsent(userId) ? run.userId() : userId(userId, function);
        Object redirect = get(call, "redirect_to");
        String redirectTo = isAbsent(redirect) ? null : ScriptRuntime.toString(redirect);
        Object expires = get(call, "expires_in");
        Long expiresIn = null;
        if (!isAbsent(expires)) {
            double seconds = expires instanceof Number n ? n.doubleValue() : Double.NaN;
            if (!JsValues.isWholeNumber(seconds) || seconds > Long.MAX_VALUE / 1000) {
                throw typeError(function + ": expires_in must be a whole number of seconds, not " + describe(expires));
            }
            expiresIn = (long) seconds;
        }
        WebhookUrlRequest request = new WebhookUrlRequest(command.toString(), contentText, user, redirectTo, expiresIn);
        try {
            String url = host.webhookUrl(request);
            budget.check();
            return url;
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        } catch (RuntimeException e) {
            throw new RunAborted(ScriptFailure.Kind.INFRASTRUCTURE, "webhook URLs are unavailable", e);
        }
    }

    // ---- WebApp.render

    private Object render(Context cx, Object[] args) {
        Object first = arg(args, 0);
        if (!isPlainObject(first)) {
            throw typeError("WebApp.render expects an object: {content, mime_type, status, headers}");
        }
        Scriptable call = (Scriptable) first;
        String body = renderBody(cx, get(call, "content"));
        long bytes = utf8Length(body);
        if (bytes > limits.maxAnswerBytes()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, "WebApp.render content is " + bytes
                    + " bytes, the limit is " + limits.maxAnswerBytes());
        }
        int status = renderStatus(get(call, "status"));
        String contentType = renderContentType(get(call, "mime_type"));
        Map<String, String> headers = renderHeaders(get(call, "headers"));
        customResponse = new CustomResponse(status, contentType, headers, body);
        return Undefined.instance;
    }

    private String renderBody(Context cx, Object content) {
        if (isAbsent(content)) {
            return "";
        }
        if (content instanceof Scriptable && !(content instanceof CharSequence)) {
            String json = JsValues.stringify(cx, scope, content);
            return json == null ? "" : json;
        }
        return ScriptRuntime.toString(content);
    }

    private static int renderStatus(Object status) {
        if (isAbsent(status)) {
            return 200;
        }
        double code = status instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!JsValues.isWholeNumber(code) || code < 100 || code > 599) {
            throw rangeError("WebApp.render: status must be a whole number from 100 to 599, not " + describe(status));
        }
        return (int) code;
    }

    private static String renderContentType(Object mimeType) {
        if (isAbsent(mimeType)) {
            return "text/html; charset=utf-8";
        }
        String type = mimeType instanceof CharSequence text ? text.toString() : "";
        if (type.isBlank() || type.length() > MAX_MIME_TYPE_CHARS || hasControlCharacter(type)) {
            throw typeError("WebApp.render: mime_type must be a media type such as \"text/plain\", not "
                    + describe(mimeType));
        }
        return type;
    }

    private static Map<String, String> renderHeaders(Object headers) {
        if (isAbsent(headers)) {
            return Map.of();
        }
        if (!isPlainObject(headers)) {
            throw typeError("WebApp.render: headers must be an object of name: value");
        }
        Scriptable object = (Scriptable) headers;
        Object[] ids = object.getIds();
        if (ids.length > MAX_RENDER_HEADERS) {
            throw rangeError("WebApp.render: at most " + MAX_RENDER_HEADERS + " headers");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Object id : ids) {
            String name = id.toString();
            if (!HEADER_TOKEN.matcher(name).matches()) {
                throw typeError("WebApp.render: " + describe(name) + " is not a valid header name");
            }
            if (REFUSED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw typeError("WebApp.render: the " + name + " header is set by the server"
                        + (name.equalsIgnoreCase("content-type") ? "; use mime_type" : ""));
            }
            Object raw = id instanceof Integer index ? object.get(index, object) : object.get(name, object);
            String value = ScriptRuntime.toString(raw);
            if (value.length() > MAX_HEADER_VALUE_CHARS || hasControlCharacter(value)) {
                throw typeError("WebApp.render: the value of header " + name
                        + " must be at most " + MAX_HEADER_VALUE_CHARS + " characters without line breaks");
            }
            result.put(name, value);
        }
        return Collections.unmodifiableMap(result);
    }

    /** UTF-8 size without encoding: the answer is encoded once, when it is sent. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
    }
}
