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
}
