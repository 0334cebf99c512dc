package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's {@code Libs}: the Java libraries defined on it ({@code Libs.Webhooks}), and the bundled JavaScript ones
 * loaded the first time the command reads them. Reading a library the service does not have is an error that says
 * so, rather than {@code Cannot call method "userRes" of undefined} one line later.
 */
final class LibsObject extends ScriptableObject {

    private final transient BjsEnvironment env;

    LibsObject(BjsEnvironment env) {
        this.env = env;
        setPrototype(ScriptableObject.getObjectPrototype(env.scope()));
        setParentScope(env.scope());
    }

    @Override
    public String getClassName() {
        return "Object";
    }

    @Override
    public boolean has(String name, Scriptable start) {
        return super.has(name, start) || BundledLibs.has(name);
    }

    @Override
    public Object get(String name, Scriptable start) {
        Object own = super.get(name, start);
        if (own != NOT_FOUND) {
            return own;
        }
        if (BundledLibs.has(name)) {
            Object lib = load(Context.getCurrentContext(), name);
            put(name, this, lib);
            return lib;
        }
        Scriptable prototype = getPrototype();
        if (prototype != null && ScriptableObject.getProperty(prototype, name) != NOT_FOUND) {
            return NOT_FOUND;
        }
        List<String> available = new ArrayList<>(List.of(getIds()).stream().map(String::valueOf).toList());
        available.addAll(BundledLibs.NAMES);
        throw JsValues.error("Libs." + name + " is not installed for this bot (libraries here: "
                + String.join(", ", available) + ")");
    }

    /** Runs the library in a scope of its own over the run's, so its top-level names stay its own. */
    private Object load(Context cx, String name) {
        Scriptable libScope = cx.newObject(env.scope());
        libScope.setPrototype(env.scope());
        libScope.setParentScope(null);
        Object[] published = {Undefined.instance};
        ScriptableObject.putProperty(libScope, "publish", new LambdaFunction(env.scope(), "publish", 1,
                (c, scope, thisObj, args) -> {
                    published[0] = args.length > 0 ? args[0] : Undefined.instance;
                    return Undefined.instance;
                }));
        BundledLibs.compiled(cx, name).exec(cx, libScope);
        return published[0];
    }
}
