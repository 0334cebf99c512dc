package dev.botwebhooks.script;

import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@code Symbol.for} and {@code Symbol.keyFor} over a registry of one run. Rhino keeps the registry in a
 * static map of the whole JVM: one run could leave symbols there for every later run (and grow it forever).
 */
final class SymbolRegistry {

    private final Map<String, Object> byKey = new HashMap<>();
    private final Map<Object, String> keys = new IdentityHashMap<>();

    /** Replaces Symbol.for and Symbol.keyFor of a set of built-ins, before it is sealed. */
    static void install(ScriptableObject scope) {
        Scriptable symbol = (Scriptable) ScriptableObject.getProperty(scope, "Symbol");
        Callable newSymbol = (Callable) symbol;
        Callable keyFor = (Callable) ScriptableObject.getProperty(symbol, "keyFor");
        ScriptableObject.defineProperty(symbol, "for", new LambdaFunction(scope, "for", 1,
                (cx, callScope, thisObj, args) -> {
                    String key = ScriptRuntime.toString(args.length == 0 ? Undefined.instance : args[0]);
                    SymbolRegistry registry = of(cx);
                    Object existing = registry.byKey.get(key);
                    if (existing != null) {
                        return existing;
                    }
                    Object created = newSymbol.call(cx, callScope, Undefined.SCRIPTABLE_UNDEFINED, new Object[] {key});
                    registry.byKey.put(key, created);
                    registry.keys.put(created, key);
                    return created;
                }), ScriptableObject.DONTENUM);
        ScriptableObject.defineProperty(symbol, "keyFor", new LambdaFunction(scope, "keyFor", 1,
                (cx, callScope, thisObj, args) -> {
                    String key = args.length == 0 ? null : of(cx).keys.get(args[0]);
                    // Rhino's own keyFor says TypeError for a non-symbol, undefined for an unregistered one.
                    return key != null ? key : keyFor.call(cx, callScope, thisObj, args);
                }), ScriptableObject.DONTENUM);
    }

    private static SymbolRegistry of(Context cx) {
        if (!(cx instanceof SandboxContextFactory.SandboxContext sandbox)) {
            throw ScriptRuntime.typeError("Symbol.for is only available to a command");
        }
        if (sandbox.symbols == null) {
            sandbox.symbols = new SymbolRegistry();
        }
        return sandbox.symbols;
    }
}
