package dev.botwebhooks.script;

import dev.botwebhooks.list.ListChange;
import dev.botwebhooks.list.ListKey;
import dev.botwebhooks.property.PropertyChange;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyValue;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Undefined;

import java.util.Optional;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.error;
import static dev.botwebhooks.script.JsValues.get;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.isPlainObject;
import static dev.botwebhooks.script.JsValues.rangeError;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * {@code setProp}, {@code getProp} and {@code deleteProp} (and the {@code setProperty} and
 * {@code getProperty} aliases), which {@code Bot} and {@code User} both have: one implementation,
 * differing only in whose properties they reach. Writes are buffered in the run's {@link RunOutput};
 * a read sees them before the committed value.
 */
final class PropertyFunctions {

    private final BjsEnvironment env;
    private final PropertyCodec codec;
    /** {@code "Bot"} or {@code "User"}, as errors name the function. */
    private final String owner;
    private final boolean ofCurrentUser;

    private PropertyFunctions(BjsEnvironment env, String owner, boolean ofCurrentUser) {
        this.env = env;
        this.codec = new PropertyCodec(env.limits());
        this.owner = owner;
        this.ofCurrentUser = ofCurrentUser;
    }

    /** The bot's own properties, or a user's when the call names a {@code user_id}. */
    static PropertyFunctions ofBot(BjsEnvironment env) {
        return new PropertyFunctions(env, "Bot", false);
    }

    /** The current user's properties; an error on a run without one. */
    static PropertyFunctions ofCurrentUser(BjsEnvironment env) {
        return new PropertyFunctions(env, "User", true);
    }

    void install(Scriptable api) {
        env.function(api, "setProp", 3, this::setProp);
        env.function(api, "setProperty", 3, this::setProp);
        env.function(api, "getProp", 2, this::getProp);
        env.function(api, "getProperty", 2, this::getProp);
        env.function(api, "deleteProp", 1, (c, args) -> deleteProp(args));
    }

    private Object setProp(Context cx, Object[] args) {
        PropertyCall call = requireKey(propertyCall(args, "setProp"), "setProp");
        PropertyValue value = codec.encode(cx, env.scope(), call.key().name(), call.value(), call.type());
        env.output().putProperty(call.key(), value);
        if (!isAbsent(call.list())) {
            env.output().changeList(new ListChange.AddProperty(list(call), call.key().userId(), call.key().name()));
        }
        return Undefined.instance;
    }

    private Object getProp(Context cx, Object[] args) {
        PropertyCall call = propertyCall(args, "getProp");
        Object fallback = fallback(args, call);
        if (call.key() == null) {
            // A user_telegramid no user of the bot has: nothing stored, so the default.
            return fallback;
        }
        return read(env, call.key()).map(v -> codec.decode(cx, env.scope(), v)).orElse(fallback);
    }

    /** A property as this run sees it: its own last write, else the committed value. */
    static Optional<PropertyValue> read(BjsEnvironment env, PropertyKey key) {
        PropertyChange buffered = env.output().propertyChange(key);
        if (buffered instanceof PropertyChange.Put put) {
            return Optional.of(put.value());
        }
        if (buffered instanceof PropertyChange.Delete) {
            return Optional.empty();
        }
        return env.callHost("property storage is unavailable", () -> env.host().readProperty(key.userId(), key.name()));
    }

    /** {@code getProp(name, default)}, or in the object form BB's {@code default_value} (also {@code value}). */
    private static Object fallback(Object[] args, PropertyCall call) {
        if (!isPlainObject(arg(args, 0))) {
            return arg(args, 1);
        }
        Object defaultValue = get((Scriptable) arg(args, 0), "default_value");
        return isAbsent(defaultValue) ? call.value() : defaultValue;
    }

    private Object deleteProp(Object[] args) {
        PropertyCall call = requireKey(propertyCall(args, "deleteProp"), "deleteProp");
        env.output().deleteProperty(call.key());
        return Undefined.instance;
    }

    /**
     * Where a property call points: its key (null when it names a Telegram id no user has), the value and type
     * arguments it carried, the List to add it to, and the Telegram id it named.
     */
    private record PropertyCall(PropertyKey key, Object value, Object type, Object list, String telegramId) {
    }

    private PropertyCall requireKey(PropertyCall call, String function) {
        if (call.key() == null) {
            throw error(owner + "." + function + ": no user has telegramid " + call.telegramId());
        }
        return call;
    }

    /**
     * BB's {@code setProperty({..., list})}: a list object, or the name of a list of the property's owner (a user's
     * property goes to that user's list, a bot's to the bot's), created if it does not exist.
     */
    private ListKey list(PropertyCall call) {
        if (call.list() instanceof Scriptable list && !(call.list() instanceof CharSequence)) {
            return ListGlobal.listKey(env, get(list, "user_id"), get(list, "name"));
        }
        return ListGlobal.listKey(env, call.key().userId(), call.list());
    }

    /** Takes {@code (name, value, type)} or {@code ({name, value, type, user_id})}. */
    private PropertyCall propertyCall(Object[] args, String function) {
        Object first = arg(args, 0);
        Object name;
        Object value;
        Object type;
        Object userId = Undefined.instance;
        Object telegramId = Undefined.instance;
        Object list = Undefined.instance;
        if (isPlainObject(first)) {
            Scriptable call = (Scriptable) first;
            name = get(call, "name");
            value = get(call, "value");
            type = get(call, "type");
            userId = get(call, "user_id");
            telegramId = get(call, "user_telegramid");
            list = get(call, "list");
        } else {
            name = first;
            value = arg(args, 1);
            type = arg(args, 2);
        }
        String qualified = owner + "." + function;
        if (name instanceof Number) {
            // BB bots key properties by ids: Bot.getProperty(user.telegramid).
            name = ScriptRuntime.toString(name);
        }
        if (!(name instanceof CharSequence) || name.toString().isEmpty()) {
            throw typeError(qualified + ": the property name must be a non-empty string, not " + describe(name));
        }
        String propertyName = name.toString();
        if (propertyName.length() > PropertyCodec.MAX_NAME_CHARS) {
            throw rangeError(qualified + ": property names are at most " + PropertyCodec.MAX_NAME_CHARS + " characters");
        }
        if (!ofCurrentUser && isAbsent(userId) && !isAbsent(telegramId)) {
            Long owner = BjsArguments.userOfTelegramId(env, telegramId, qualified);
            PropertyKey key = owner == null ? null : new PropertyKey(env.run().source().botId(), owner, propertyName);
            return new PropertyCall(key, value, type, list, ScriptRuntime.toString(telegramId));
        }
        return new PropertyCall(new PropertyKey(env.run().source().botId(), user(userId, qualified), propertyName),
                value, type, list, null);
    }

    private Long user(Object userIdArgument, String function) {
        if (ofCurrentUser) {
            if (env.run().userId() == null) {
                throw error("no current user: User.* needs a user webhook");
            }
            return env.run().userId();
        }
        return isAbsent(userIdArgument) ? null : BjsArguments.userId(userIdArgument, function);
    }
}
