package dev.botwebhooks.script;

import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyType;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.user.UserGroups;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Undefined;
import tools.jackson.databind.node.StringNode;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.error;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.typeError;

/** {@code User}: the current user's properties, and BB's user group ({@link UserGroups}). */
final class UserGlobal implements BjsGlobal {

    private static final int MAX_GROUP_CHARS = 100;

    /** Made when a script first reads them ({@link LazyFunctions}): few runs use groups or cache hints. */
    private static final List<LazyFunctions.Lazy> LAZY = Stream.concat(Stream.of(
            new LazyFunctions.Lazy("addToGroup", 1, env -> (cx, args) -> new UserGlobal(env).addToGroup(args)),
            new LazyFunctions.Lazy("getGroup", 0, env -> (cx, args) -> new UserGlobal(env).getGroup()),
            new LazyFunctions.Lazy("removeGroup", 0, env -> (cx, args) -> new UserGlobal(env).removeGroup())),
            CacheHints.USER.stream()).toList();

    private final BjsEnvironment env;

    UserGlobal(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        Scriptable api = new LazyFunctions(env, LAZY);
        PropertyFunctions.ofCurrentUser(env).install(api);
        env.define("User", api);
    }

    private Object addToGroup(Object[] args) {
        Object group = arg(args, 0);
        if (isAbsent(group) || ScriptRuntime.toString(group).isBlank()
                || ScriptRuntime.toString(group).length() > MAX_GROUP_CHARS) {
            throw typeError("User.addToGroup: the group is a name of 1 to " + MAX_GROUP_CHARS + " characters");
        }
        env.output().putProperty(groupKey("User.addToGroup"),
                new PropertyValue(PropertyType.STRING, StringNode.valueOf(ScriptRuntime.toString(group).strip())));
        return Undefined.instance;
    }

    /** The user's group, or undefined when it has none (as this run left it). */
    private Object getGroup() {
        Optional<PropertyValue> value = PropertyFunctions.read(env, groupKey("User.getGroup"));
        return value.<Object>map(v -> v.value().asString()).orElse(Undefined.instance);
    }

    private Object removeGroup() {
        env.output().deleteProperty(groupKey("User.removeGroup"));
        return Undefined.instance;
    }

    private PropertyKey groupKey(String function) {
        if (env.run().userId() == null) {
            throw error("no current user: " + function + " needs a user webhook");
        }
        return new PropertyKey(env.run().source().botId(), env.run().userId(), UserGroups.PROPERTY);
    }
}
