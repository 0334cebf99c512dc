package dev.botwebhooks.script;

import dev.botwebhooks.message.OutgoingMessage;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.regex.Pattern;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.isPlainObject;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * {@code Api.<any Telegram Bot API method>({...})}, as on Bots.Business: {@code Api.sendPhoto({photo, caption})}.
 * The call is stored in the outbox with the run's commit and sent in order with the chat's messages; the chat is
 * the current one unless {@code chat_id} names another. {@code on_result} names a command run with the API's answer
 * as {@code options} ({@code options.result.message_id}), {@code on_error} one run when the API refuses the call.
 * {@code Api.call("sendMessage", {...})} is the same call by the method's name.
 */
final class ApiGlobal implements BjsGlobal {

    /** Telegram's method names: a lower-case letter, then letters and digits. */
    private static final Pattern METHOD = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
    private static final int MAX_COMMAND_CHARS = 200;

    private final BjsEnvironment env;

    ApiGlobal(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        env.define("Api", new Methods());
    }

    /** Every property whose name is a method name is that method, so no list of Telegram's methods goes stale. */
    private final class Methods extends ScriptableObject {

        @Override
        public String getClassName() {
            return "Object";
        }

        @Override
        public Object get(String name, Scriptable start) {
            Object own = super.get(name, start);
            if (own != NOT_FOUND || !METHOD.matcher(name).matches()) {
                return own;
            }
            return new LambdaFunction(env.scope(), name, 1, (cx, scope, thisObj, args) -> call(cx, name, args));
        }

        @Override
        public boolean has(String name, Scriptable start) {
            return super.has(name, start) || METHOD.matcher(name).matches();
        }
    }

    private Object call(Context cx, String method, Object[] args) {
        if (method.equals("call") && arg(args, 0) instanceof CharSequence named) {
            // BB's generic form, Api.call("sendMessage", {...}); Telegram has no method "call".
            String name = named.toString();
            if (!METHOD.matcher(name).matches()) {
                throw typeError("Api.call: " + describe(name) + " is not a method name");
            }
            return call(cx, name, new Object[] {arg(args, 1)});
        }
        Object params = arg(args, 0);
        if (!isAbsent(params) && !isPlainObject(params)) {
            throw typeError("Api." + method + " expects an object of the method's parameters, not " + describe(params));
        }
        ObjectNode options = isAbsent(params) ? JsonNodeFactory.instance.objectNode()
                : (ObjectNode) JsValues.toJson(cx, env.scope(), params);
        send(method, options, "Api." + method);
        return Undefined.instance;
    }

    /** Stores one API call of this run; shared with the Bot functions that are API calls under another name. */
    static void send(BjsEnvironment env, String method, ObjectNode options, String function) {
        // An Api.* call saves its whole result; BB's Bot functions that are such calls, the message's id.
        ResultProperty.take(env, options, function.startsWith("Api."), function);
        String onResult = callbackCommand(options.remove("on_result"), function, "on_result");
        String onError = callbackCommand(options.remove("on_error"), function, "on_error");
        JsonNode chat = options.get("chat_id");
        String chatId = chat != null && !chat.isNull() ? chat.asString()
                : env.run().chatId() != null ? env.run().chatId() : "";
        String text = options.path("text").isString() ? options.get("text").asString()
                : options.path("caption").asString("");
        env.output().countMessage();
        int maxChars = env.limits().maxMessageChars();
        if (text.length() > maxChars) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, function + ": text is " + text.length()
                    + " characters, the limit is " + maxChars);
        }
        int bytes = options.toString().length();
        if (bytes > env.limits().maxPropertyBytes()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, function + ": its parameters are " + bytes
                    + " characters as JSON, the limit is " + env.limits().maxPropertyBytes());
        }
        if (OutgoingMessage.SEND_MESSAGE.equals(method)) {
            options.remove("text");
        }
        env.output().addMessage(new OutgoingMessage(env.run().userId(), chatId, text, options, method, onResult, onError));
    }

    private void send(String method, ObjectNode options, String function) {
        send(env, method, options, function);
    }

    /** An {@code on_result}/{@code on_error} field: the command run with the chat API's answer; null for none. */
    static String callbackCommand(JsonNode value, String function, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.asString().isBlank() || value.asString().length() > MAX_COMMAND_CHARS) {
            throw typeError(function + ": " + field + " must be a command name, not " + value);
        }
        return value.asString().strip();
    }
}
