package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.LazyLoadSlot;
import org.mozilla.javascript.NativeObject;
import org.mozilla.javascript.Scriptable;

import java.util.HashSet;
import java.util.Set;

/**
 * A run's global object. Rhino creates some built-ins (JSON, Math, RegExp, ...) on first use;
 * creating and sealing them all for every run would cost several times the rest of the run's
 * set-up, so each is sealed when the run first reads it.
 */
final class RunScope extends NativeObject {

    private final Set<String> sealOnFirstUse = new HashSet<>();

    /** Whether {@code name} is a built-in Rhino has not created yet. */
    boolean isLazy(Context cx, String name) {
        return querySlot(cx, name) instanceof LazyLoadSlot;
    }

    void sealOnFirstUse(Set<String> names) {
        sealOnFirstUse.addAll(names);
    }

    @Override
    public Object get(String name, Scriptable start) {
        if (sealOnFirstUse.isEmpty() || !sealOnFirstUse.remove(name)) {
            return super.get(name, start);
        }
        // Still Rhino's built-in, not a global of the script's own with the same name.
        boolean builtIn = isLazy(Context.getCurrentContext(), name);
        Object value = super.get(name, start);
        if (builtIn && value instanceof Scriptable object) {
            BuiltInGuards.seal(object, this);
        }
        return value;
    }
}
