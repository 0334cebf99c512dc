package dev.botwebhooks.script;

import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.isPlainObject;
import static dev.botwebhooks.script.JsValues.typeError;

/** Arguments several BJS globals take, read the same way in each, with the calling function named in errors. */
final class BjsArguments {

    private BjsArguments() {
    }

    /** The first argument of a function called with one {@code {...}} object; else a TypeError showing the usage. */
    static Scriptable callObject(Object[] args, String usage) {
        Object first = arg(args, 0);
        if (!isPlainObject(first)) {
            throw typeError(usage);
        }
        return (Scriptable) first;
    }

    /** A {@code user_id}: a whole number, or a string that holds one. */
    static Long userId(Object value, String function) {
        double number = value instanceof CharSequence text ? ScriptRuntime.toNumber(text.toString())
                : value instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!JsValues.isWholeNumber(number) || Math.abs(number) > PropertyCodec.MAX_SAFE_INTEGER) {
            throw typeError(function + ": user_id must be a whole number, not " + describe(value));
        }
        return (long) number;
    }

    /**
     * The id of the bot's user whose Telegram id this is ({@code user_telegramid}, as BB's functions take it: a number
     * or a string); null when the bot has no such user.
     */
    static Long userOfTelegramId(BjsEnvironment env, Object telegramId, String function) {
        String id = telegramId instanceof Number number ? ScriptRuntime.numberToString(number.doubleValue(), 10)
                : ScriptRuntime.toString(telegramId).strip();
        if (id.isEmpty() || id.length() > 64) {
            throw typeError(function + ": user_telegramid must be a Telegram id, not " + describe(telegramId));
        }
        return env.callHost("bot data is unavailable", () -> env.host().userIdByTelegramId(id)).orElse(null);
    }
}
