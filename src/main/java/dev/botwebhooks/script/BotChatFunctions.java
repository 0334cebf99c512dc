package dev.botwebhooks.script;

import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyType;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.user.BlockedChats;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Undefined;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.isPlainObject;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * The {@code Bot} functions of Bots.Business that are chat API calls under another name: keyboards, a message to
 * another chat, editing a message, and {@code Bot.inspect}. Each goes to the outbox like {@code Api.*}; one to the
 * current chat is also the webhook's answer so far, as {@code Bot.sendMessage} is.
 */
final class BotChatFunctions {

    private final BjsEnvironment env;

    BotChatFunctions(BjsEnvironment env) {
        this.env = env;
    }

    void install(Scriptable bot) {
        env.function(bot, "sendKeyboard", 2, this::sendKeyboard);
        env.function(bot, "sendInlineKeyboard", 3, this::sendInlineKeyboard);
        env.function(bot, "sendMessageToChatWithId", 3, this::sendMessageToChatWithId);
        env.function(bot, "editMessage", 3, this::editMessage);
        env.function(bot, "inspect", 1, this::inspect);
    }

    /** Made when a script first reads them ({@link LazyFunctions}): most runs never block a chat. */
    static final List<LazyFunctions.Lazy> LAZY = List.of(
            new LazyFunctions.Lazy("blockChat", 1, env -> (cx, args) -> new BotChatFunctions(env).block(args, true)),
            new LazyFunctions.Lazy("unblockChat", 1, env -> (cx, args) -> new BotChatFunctions(env).block(args, false)));

    /**
     * {@code Bot.blockChat(chat_id)} / {@code Bot.unblockChat(chat_id)}: the chat's user no longer runs commands (its
     * webhooks, jobs and callbacks are refused as an unknown user's are) until unblocked. Stored as a bot property
     * ({@link BlockedChats}), so it commits with the run. No argument means the current chat; any value is the
     * chat id as its text ({@code Bot.blockChat(message)} with a typed Telegram id works, as on BB).
     */
    private Object block(Object[] args, boolean blocked) {
        Object chat = arg(args, 0);
        String chatId = isAbsent(chat) ? env.run().chatId() : chat(chat);
        if (chatId == null || chatId.isBlank()) {
            throw typeError((blocked ? "Bot.blockChat" : "Bot.unblockChat") + ": no chat id, and no current chat");
        }
        PropertyKey key = new PropertyKey(env.run().source().botId(), null, BlockedChats.propertyName(chatId.strip()));
        if (blocked) {
            env.output().putProperty(key, new PropertyValue(PropertyType.BOOLEAN, BooleanNode.TRUE));
        } else {
            env.output().deleteProperty(key);
        }
        return Undefined.instance;
    }

    /** {@code (buttons, text)}: buttons as BB writes them, {@code "Orders, About\nHelp"}. */
    private Object sendKeyboard(Context cx, Object[] args) {
        ObjectNode options = options(cx, arg(args, 2), "Bot.sendKeyboard");
        ObjectNode keyboard = Keyboards.reply(ScriptRuntime.toString(arg(args, 0)));
        if (keyboard != null) {
            options.set("reply_markup", keyboard);
        }
        return message("Bot.sendKeyboard", text(arg(args, 1)), options, null);
    }

    /** {@code (buttons, text, chat_id?)}: buttons {@code [{title, command}, {title, url}]}, or a list of such rows. */
    private Object sendInlineKeyboard(Context cx, Object[] args) {
        JsonNode buttons = JsValues.toJson(cx, env.scope(), arg(args, 0));
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        try {
            options.set("reply_markup", Keyboards.inline(buttons == null ? JsonNodeFactory.instance.nullNode() : buttons));
        } catch (IllegalArgumentException notButtons) {
            throw typeError("Bot.sendInlineKeyboard: " + notButtons.getMessage());
        }
        Object chat = arg(args, 2);
        return message("Bot.sendInlineKeyboard", text(arg(args, 1)), options, isAbsent(chat) ? null : chat(chat));
    }

    /** {@code (chat_id, text, options?)}. */
    private Object sendMessageToChatWithId(Context cx, Object[] args) {
        Object chat = arg(args, 0);
        if (isAbsent(chat)) {
            throw typeError("Bot.sendMessageToChatWithId: chat_id is required");
        }
        return message("Bot.sendMessageToChatWithId", text(arg(args, 1)), options(cx, arg(args, 2),
                "Bot.sendMessageToChatWithId"), chat(chat));
    }

    /** {@code (text, message_id, options?)}: Telegram's editMessageText in the current chat. */
    private Object editMessage(Context cx, Object[] args) {
        ObjectNode options = options(cx, arg(args, 2), "Bot.editMessage");
        Object messageId = arg(args, 1);
        if (!(messageId instanceof Number) && !(messageId instanceof CharSequence)) {
            throw typeError("Bot.editMessage: message_id is required, not " + describe(messageId));
        }
        options.put("message_id", ScriptRuntime.toString(messageId));
        options.put("text", text(arg(args, 0)));
        ApiGlobal.send(env, "editMessageText", options, "Bot.editMessage");
        return Undefined.instance;
    }

    /** Sends the value as BB's inspect shows it, and returns that text. */
    private Object inspect(Context cx, Object[] args) {
        String text = JsValues.inspect(arg(args, 0));
        message("Bot.inspect", text, JsonNodeFactory.instance.objectNode(), null);
        return text;
    }

    /** A sendMessage: to {@code chat} when given, else to the current chat, where it is also the answer. */
    private Object message(String function, String text, ObjectNode options, String chat) {
        if (text.length() > env.limits().maxMessageChars()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, function + ": text is " + text.length()
                    + " characters, the limit is " + env.limits().maxMessageChars());
        }
        if (chat != null) {
            options.put("chat_id", chat);
        } else {
            env.output().answer(text);
            if (env.run().chatId() == null) {
                env.output().countMessage();
                return Undefined.instance;
            }
        }
        options.put("text", text);
        ApiGlobal.send(env, "sendMessage", options, function);
        return Undefined.instance;
    }

    private ObjectNode options(Context cx, Object options, String function) {
        if (isAbsent(options)) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!isPlainObject(options)) {
            throw typeError(function + ": options must be an object, not " + describe(options));
        }
        return (ObjectNode) JsValues.toJson(cx, env.scope(), options);
    }

    private static String text(Object text) {
        return ScriptRuntime.toString(text);
    }

    private static String chat(Object chat) {
        return chat instanceof Number number ? ScriptRuntime.numberToString(number.doubleValue(), 10)
                : ScriptRuntime.toString(chat);
    }
}
