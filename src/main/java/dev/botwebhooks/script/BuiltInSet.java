package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.TopLevel;

/**
 * Rhino's safe standard objects, made once, guarded ({@link BuiltInGuards}) and locked
 * ({@link BuiltInLockdown}), then lent by a {@link BuiltInPool} to one run at a time. A run sees them
 * through its own global ({@link RunScope}), so building a run's scope costs a few objects instead of
 * the whole standard library.
 */
final class BuiltInSet {

    private final ScriptableObject scope;

    private BuiltInSet(ScriptableObject scope) {
        this.scope = scope;
    }

    static BuiltInSet create(Context cx) {
        ScriptableObject scope = cx.initSafeStandardObjects(new TopLevel(), false);
        // Rhino creates JSON, Math, RegExp... on first use: created now, so that they are locked too.
        for (Object id : scope.getAllIds()) {
            if (id instanceof String name) {
                ScriptableObject.getProperty(scope, name);
            }
        }
        BuiltInGuards.install(scope);
        BuiltInLockdown.lockDown(cx, scope);
        return new BuiltInSet(scope);
    }

    /** The locked global holding the built-ins; the prototype of every run's global. */
    Scriptable scope() {
        return scope;
    }
}
