package dev.botwebhooks.script;

import org.mozilla.javascript.NativeObject;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A run's global object: the run's own {@code var}s, implicit globals and BJS globals ({@code content},
 * {@code Bot}, ...), in front of a locked {@link BuiltInSet} that it inherits the built-ins from. A script
 * that names {@code Object} finds the shared one; a script that assigns a global makes its own.
 */
final class RunScope extends NativeObject {

    /**
     * BB's core libraries are globals too ({@code RefLib.track()}, {@code ResLib.userRes("balance")},
     * {@code CommonLib.getLinkFor(user)}, as BB's help
     * and most BB bots write them): the same objects as {@code Libs.ReferralLib} and {@code Libs.ResourcesLib},
     * looked up only when a script names them, so a run that does not pays nothing.
     */
    static final Map<String, String> CORE_LIBRARY_GLOBALS = Map.of("RefLib", "ReferralLib", "ResLib", "ResourcesLib",
            "CommonLib", "CommonLib", "TopBoardLib", "TopBoardLib");

    /** Globals made the first time a script names them ({@code List}); null until one is declared. */
    private transient Map<String, Supplier<Object>> lazyGlobals;

    RunScope(BuiltInSet builtIns) {
        setPrototype(builtIns.scope());
        // The set's own globalThis is the locked set; a run's is its own global.
        defineProperty("globalThis", this, DONTENUM);
    }

    @Override
    public String getClassName() {
        return "global";
    }

    /** A global made when a script first names it, so a run that does not pays nothing for it. */
    void defineLazily(String name, Supplier<Object> value) {
        if (lazyGlobals == null) {
            lazyGlobals = new HashMap<>(4);
        }
        lazyGlobals.put(name, value);
    }

    /*
     * A lookup may start in a scope whose prototype this is (a library's, a Bot.runCommand's): the lazy and core
     * library globals are this run's globals for those too, so they are made here whatever the start.
     */
    @Override
    public boolean has(String name, Scriptable start) {
        return super.has(name, start) || lazyGlobals != null && lazyGlobals.containsKey(name)
                || CORE_LIBRARY_GLOBALS.containsKey(name) && super.has("Libs", this);
    }

    @Override
    public Object get(String name, Scriptable start) {
        Object own = super.get(name, start);
        if (own != NOT_FOUND) {
            return own;
        }
        Supplier<Object> lazy = lazyGlobals == null ? null : lazyGlobals.remove(name);
        if (lazy != null) {
            Object value = lazy.get();
            put(name, this, value);
            return value;
        }
        String library = CORE_LIBRARY_GLOBALS.get(name);
        Object libs = library == null ? NOT_FOUND : super.get("Libs", this);
        // Libs says when the bot has not installed it, as for Libs.X.
        return libs instanceof Scriptable scriptable ? ScriptableObject.getProperty(scriptable, library) : NOT_FOUND;
    }
}
