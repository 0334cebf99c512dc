package dev.botwebhooks.script;

import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Undefined;

import java.util.List;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.error;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.rangeError;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * BB's command cache ({@code Bot.setCache(seconds)}, {@code User.setCache}, {@code clearCache(command)}): on BB a
 * cached command's saved actions are replayed instead of running it again, to spare BB's iterations. Here every call
 * runs the command: its answer is the one a cache would give, only never stale, so these calls are checked as BB
 * checks them and then change nothing. A command BB's help says must not be cached (payments, increments) behaves
 * the same here either way.
 */
final class CacheHints {

    /** BB's longest example is a day; a year bounds any other. */
    private static final double MAX_SECONDS = 366 * 24 * 3600;

    static final List<LazyFunctions.Lazy> BOT = List.of(
            new LazyFunctions.Lazy("setCache", 1, env -> (cx, args) -> setCache(args, "Bot.setCache", env, false)),
            new LazyFunctions.Lazy("clearCache", 1, env -> (cx, args) -> clearCache(args, "Bot.clearCache", env, false)));

    static final List<LazyFunctions.Lazy> USER = List.of(
            new LazyFunctions.Lazy("setCache", 1, env -> (cx, args) -> setCache(args, "User.setCache", env, true)),
            new LazyFunctions.Lazy("clearCache", 1, env -> (cx, args) -> clearCache(args, "User.clearCache", env, true)));

    private CacheHints() {
    }

    private static Object setCache(Object[] args, String function, BjsEnvironment env, boolean ofUser) {
        requireUser(env, function, ofUser);
        Object seconds = arg(args, 0);
        double value = seconds instanceof Number number ? number.doubleValue() : Double.NaN;
        if (!(value > 0 && value <= MAX_SECONDS)) {
            throw rangeError(function + ": seconds must be a number from 1 to " + (long) MAX_SECONDS + ", not "
                    + describe(seconds));
        }
        return Undefined.instance;
    }

    private static Object clearCache(Object[] args, String function, BjsEnvironment env, boolean ofUser) {
        requireUser(env, function, ofUser);
        Object command = arg(args, 0);
        if (isAbsent(command) || ScriptRuntime.toString(command).isBlank()) {
            throw typeError(function + ": the command's name is required, e.g. \"/hours\"");
        }
        return Undefined.instance;
    }

    private static void requireUser(BjsEnvironment env, String function, boolean ofUser) {
        if (ofUser && env.run().userId() == null) {
            throw error("no current user: " + function + " needs a user webhook");
        }
    }
}
