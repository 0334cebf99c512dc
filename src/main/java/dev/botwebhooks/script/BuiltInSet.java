package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.TopLevel;

import java.util.List;

/**
 * Rhino's safe standard objects, made once, guarded ({@link BuiltInGuards}) and locked
 * ({@link BuiltInLockdown}), then lent by a {@link BuiltInPool} to one run at a time. A run sees them
 * through its own global ({@link RunScope}), so building a run's scope costs a few objects instead of
 * the whole standard library.
 */
final class BuiltInSet {

    private final ScriptableObject scope;
    private final ScriptableObject[] objects;
    private final Scriptable[] prototypes;
    private final Scriptable[] parents;

    private BuiltInSet(ScriptableObject scope, List<ScriptableObject> locked) {
        this.scope = scope;
        this.objects = locked.toArray(ScriptableObject[]::new);
        this.prototypes = new Scriptable[objects.length];
        this.parents = new Scriptable[objects.length];
        for (int i = 0; i < objects.length; i++) {
            prototypes[i] = objects[i].getPrototype();
            parents[i] = objects[i].getParentScope();
        }
    }

    static BuiltInSet create(Context cx) {
        return create(cx, false);
    }

    /**
     * A set that no run borrows but every run may reach, as the realm of the template objects of compiled
     * commands ({@link TemplateObjects}): frozen too, since it is never restored.
     */
    static BuiltInSet createFrozen(Context cx) {
        return create(cx, true);
    }

    private static BuiltInSet create(Context cx, boolean frozen) {
        ScriptableObject scope = cx.initSafeStandardObjects(new TopLevel(), false);
        // Rhino creates JSON, Math, RegExp... on first use: created now, so that they are locked too.
        for (Object id : scope.getAllIds()) {
            if (id instanceof String name) {
                ScriptableObject.getProperty(scope, name);
            }
        }
        BuiltInGuards.install(scope);
        return new BuiltInSet(scope, BuiltInLockdown.lockDown(cx, scope, frozen));
    }

    /**
     * Puts back every prototype and parent scope a run may have set through {@code __proto__} or
     * {@code __parent__}, the one change sealing does not stop (see {@link BuiltInLockdown}); a few
     * hundred reads, done when the set is given back.
     *
     * @return how many objects had been changed
     */
    int restore() {
        int changed = 0;
        for (int i = 0; i < objects.length; i++) {
            ScriptableObject object = objects[i];
            if (object.getPrototype() != prototypes[i] || object.getParentScope() != parents[i]) {
                object.setPrototype(prototypes[i]);
                object.setParentScope(parents[i]);
                changed++;
            }
        }
        return changed;
    }

    /** The locked global holding the built-ins; the prototype of every run's global. */
    Scriptable scope() {
        return scope;
    }
}
