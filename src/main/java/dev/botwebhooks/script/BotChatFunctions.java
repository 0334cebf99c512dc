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

    /** Made when a script first reads them ({@link LazyFunctions}): most runs never use them. */
    static final List<LazyFunctions.Lazy> LAZY = List.of(
            new LazyFunctions.Lazy("blockChat", 1, env -> (cx, args) -> new BotChatFunctions(env).block(args, true)),
            new LazyFunctions.Lazy("unblockChat", 1, env -> (cx, args) -> new BotChatFunctions(env).block(args, false)),
            new LazyFunctions.Lazy("sendInlineKeyboardToChatWithId", 4,
                    env -> new BotChatFunctions(env)::sendInlineKeyboardToChatWithId),
            new LazyFunctions.Lazy("editMessageInChat", 3, env -> new BotChatFunctions(env)::editMessageInChat),
            new LazyFunctions.Lazy("editInlineKeyboard", 3, env -> new BotChatFunctions(env)::editInlineKeyboard));

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
        return message("Bot.sendKeyboard", text(arg(args, 1)), MessageFormat.asBotSendsIt(options), null);
    }

    /**
     * {@code (buttons, text, options?)}, as BB documents it: buttons {@code [{title, command}, {title, url}]}, or a
     * list of such rows. A third argument that is a chat id rather than options sends to that chat (kept for the
     * bots written for this service before).
     */
    private Object sendInlineKeyboard(Context cx, Object[] args) {
        Object third = arg(args, 2);
        boolean toChat = !isAbsent(third) && !isPlainObject(third);
        ObjectNode options = inlineKeyboard(cx, arg(args, 0), toChat ? null : third, "Bot.sendInlineKeyboard");
        return message("Bot.sendInlineKeyboard", text(arg(args, 1)), options, toChat ? chat(third) : null);
    }

    /** {@code (chat_id, buttons, text, options?)}. */
    private Object sendInlineKeyboardToChatWithId(Context cx, Object[] args) {
        String chat = requiredChat(arg(args, 0), "Bot.sendInlineKeyboardToChatWithId");
        ObjectNode options = inlineKeyboard(cx, arg(args, 1), arg(args, 3), "Bot.sendInlineKeyboardToChatWithId");
        return message("Bot.sendInlineKeyboardToChatWithId", text(arg(args, 2)), options, chat);
    }

    private ObjectNode inlineKeyboard(Context cx, Object buttons, Object givenOptions, String function) {
        JsonNode json = JsValues.toJson(cx, env.scope(), buttons);
        ObjectNode options = MessageFormat.asBotSendsIt(options(cx, givenOptions, function));
        try {
            options.set("reply_markup", Keyboards.inline(json == null ? JsonNodeFactory.instance.nullNode() : json));
        } catch (IllegalArgumentException notButtons) {
            throw typeError(function + ": " + notButtons.getMessage());
        }
        return options;
    }

    /** {@code (chat_id, text, message_id)}: editMessageText in another chat. */
    private Object editMessageInChat(Context cx, Object[] args) {
        String chat = requiredChat(arg(args, 0), "Bot.editMessageInChat");
        ObjectNode options = MessageFormat.asBotSendsIt(JsonNodeFactory.instance.objectNode());
        options.put("chat_id", chat);
        options.put("message_id", messageId(arg(args, 2), "Bot.editMessageInChat"));
        options.put("text", text(arg(args, 1)));
        ApiGlobal.send(env, "editMessageText", options, "Bot.editMessageInChat");
        return Undefined.instance;
    }

    /** {@code (buttons, message_id, chat_id?)}: editMessageReplyMarkup, in the current chat unless one is named. */
    private Object editInlineKeyboard(Context cx, Object[] args) {
        JsonNode buttons = JsValues.toJson(cx, env.scope(), arg(args, 0));
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        try {
            options.set("reply_markup", Keyboards.inline(buttons == null ? JsonNodeFactory.instance.nullNode() : buttons));
        } catch (IllegalArgumentException notButtons) {
            throw typeError("Bot.editInlineKeyboard: " + notButtons.getMessage());
        }
        options.put("message_id", messageId(arg(args, 1), "Bot.editInlineKeyboard"));
        Object chat = arg(args, 2);
        if (!isAbsent(chat)) {
            options.put("chat_id", chat(chat));
        }
        ApiGlobal.send(env, "editMessageReplyMarkup", options, "Bot.editInlineKeyboard");
        return Undefined.instance;
    }

    /** {@code (chat_id, text, options?)}. */
    private Object sendMessageToChatWithId(Context cx, Object[] args) {
        String chat = requiredChat(arg(args, 0), "Bot.sendMessageToChatWithId");
        return message("Bot.sendMessageToChatWithId", text(arg(args, 1)), MessageFormat.asBotSendsIt(options(cx,
                arg(args, 2), "Bot.sendMessageToChatWithId")), chat);
    }

    /** {@code (text, message_id, options?)}: Telegram's editMessageText in the current chat. */
    private Object editMessage(Context cx, Object[] args) {
        ObjectNode options = MessageFormat.asBotSendsIt(options(cx, arg(args, 2), "Bot.editMessage"));
        options.put("message_id", messageId(arg(args, 1), "Bot.editMessage"));
        options.put("text", text(arg(args, 0)));
        ApiGlobal.send(env, "editMessageText", options, "Bot.editMessage");
        return Undefined.instance;
    }

    private static String messageId(Object messageId, String function) {
        if (!(messageId instanceof Number) && !(messageId instanceof CharSequence)) {
            throw typeError(function + ": message_id is required, not " + describe(messageId));
        }
        return ScriptRuntime.toString(messageId);
    }

    private static String requiredChat(Object chat, String function) {
        if (isAbsent(chat)) {
            throw typeError(function + ": chat_id is required");
        }
        return chat(chat);
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
