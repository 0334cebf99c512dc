package dev.botwebhooks.script;

import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a set of standard objects safe to share between runs, one after another: afterwards no script
 * can change anything reachable from them, so a run leaves nothing that a later run could see.
 *
 * <p>Rhino's {@code sealObject} stops assignment and {@code delete} (with an error, as before this set was
 * shared), but not the paths that go around {@code put}: {@code Object.defineProperty}, {@code Object.freeze},
 * {@code Object.setPrototypeOf}, {@code Reflect.*}, {@code __defineGetter__}, and the built-ins that change an
 * object's internal state ({@code Date.prototype.setTime} on {@code Date.prototype}, which is a Date;
 * {@code RegExp.prototype.compile}). Those are wrapped here to refuse a sealed object with a TypeError; a
 * script's own objects are never sealed, so they behave as in any engine. The properties are not made
 * read-only (frozen): an inherited read-only property would silently refuse {@code o.toString = ...} on a
 * script's own object (the "override mistake"), which ordinary code does.
 *
 * <p>One change gets past all of this: Rhino's {@code x.__proto__ = y} and {@code x.__parent__ = y} set an
 * object's prototype or parent scope whatever its state (only a non-extensible object refuses, and a sealed
 * object that cannot be extended lets its existing properties be assigned). Such a change lasts only until
 * the run ends: {@link BuiltInSet#restore()} puts every prototype and parent scope back before the set is
 * lent again, which is why a set serves one run at a time.
 *
 * <p>{@code Symbol.for} is the one built-in whose state Rhino keeps outside the objects (a map for the whole
 * JVM); it is replaced by a registry of the running context ({@link SandboxContextFactory.SandboxContext}).
 */
final class BuiltInLockdown {

    /** {@code this} of the call rather than an argument. */
    private static final int THIS = -1;

    /**
     * Walks everything reachable from the global through prototypes, values, getters and setters, symbols
     * included, without calling a getter (reading a data property creates a lazily made built-in, which a
     * descriptor would show as Rhino's placeholder); run once per set in the set's own scope, before sealing.
     */
    private static final String REACHABLE = """
            (function (root) {
              var seen = new Set(), found = [];
              function visit(o) {
                if (o === null || o === undefined || seen.has(o)) return;
                var type = typeof o;
                if (type !== 'object' && type !== 'function' && type !== 'symbol') return;
                seen.add(o); found.push(o);
                if (type === 'symbol') return;
                visit(Object.getPrototypeOf(o));
                var keys;
                try { keys = Reflect.ownKeys(o); } catch (e) { return; }
                for (var i = 0; i < keys.length; i++) {
                  var d = Object.getOwnPropertyDescriptor(o, keys[i]);
                  if (!d) continue;
                  if ('value' in d) { visit(keys[i]); visit(o[keys[i]]); } else { visit(d.get); visit(d.set); }
                }
              }
              visit(root);
              // Prototypes only reachable through an instance: iterators and generators.
              var instances = [
                function () { return [][Symbol.iterator](); }, function () { return ''[Symbol.iterator](); },
                function () { return new Map()[Symbol.iterator](); }, function () { return new Set()[Symbol.iterator](); },
                function () { return 'a'.matchAll(/a/g); }, function () { return function* () {}; },
                function () { return (function* () {})(); }, function () { return (function () { return arguments; })(); }];
              for (var j = 0; j < instances.length; j++) {
                try { visit(instances[j]()); } catch (e) { /* not in this Rhino */ }
              }
              return found;
            })(this)""";

    private BuiltInLockdown() {
    }

    /**
     * Guards the paths around sealing, then seals every object reachable from {@code scope}, and returns them.
     *
     * @param freeze also freeze them, for a set that is never restored (so {@code __proto__} is refused too)
     *     and whose objects only frozen objects inherit from, so the override mistake cannot matter
     */
    static List<ScriptableObject> lockDown(Context cx, ScriptableObject scope, boolean freeze) {
        // Rhino's With is no standard built-in, and cannot be sealed: its __proto__ could be set for every run.
        scope.delete("With");
        Scriptable object = (Scriptable) ScriptableObject.getProperty(scope, "Object");
        Callable freezer = (Callable) ScriptableObject.getProperty(object, "freeze");
        for (String name : new String[] {"defineProperty", "defineProperties", "freeze", "seal", "preventExtensions",
                "setPrototypeOf", "assign"}) {
            refuseLocked(scope, object, name, 0);
        }
        Scriptable reflect = (Scriptable) ScriptableObject.getProperty(scope, "Reflect");
        for (String name : new String[] {"defineProperty", "deleteProperty", "setPrototypeOf", "preventExtensions"}) {
            refuseLocked(scope, reflect, name, 0);
        }
        refuseLocked(scope, reflect, "set", 0, 3);
        Scriptable objectPrototype = ScriptableObject.getObjectPrototype(scope);
        refuseLocked(scope, objectPrototype, "__defineGetter__", THIS);
        refuseLocked(scope, objectPrototype, "__defineSetter__", THIS);
        Scriptable error = (Scriptable) ScriptableObject.getProperty(scope, "Error");
        refuseLocked(scope, error, "captureStackTrace", 0);
        Scriptable date = ScriptableObject.getClassPrototype(scope, "Date");
        for (Object id : ((ScriptableObject) date).getAllIds()) {
            if (id instanceof String name && name.startsWith("set")) {
                refuseLocked(scope, date, name, THIS);
            }
        }
        refuseLocked(scope, ScriptableObject.getClassPrototype(scope, "RegExp"), "compile", THIS);
        SymbolRegistry.install(scope);

        Object reachable = cx.evaluateString(scope, REACHABLE, "lockdown", 1, null);
        List<ScriptableObject> sealed = new ArrayList<>();
        for (Object value : (NativeArray) reachable) {
            // The rest are symbols (SymbolKey), values without properties.
            if (value instanceof ScriptableObject builtIn) {
                if (freeze) {
                    freeze(cx, scope, freezer, object, builtIn);
                }
                builtIn.sealObject();
                sealed.add(builtIn);
            } else if (value instanceof Scriptable other) {
                throw new IllegalStateException("a built-in that cannot be sealed: " + other.getClass().getName());
            }
        }
        scope.sealObject();
        return sealed;
    }

    private static void freeze(Context cx, ScriptableObject scope, Callable freezer, Scriptable object,
            ScriptableObject builtIn) {
        try {
            freezer.call(cx, scope, object, new Object[] {builtIn});
        } catch (RuntimeException descriptorMissing) {
            // Rhino's Object.freeze fails on a property it lists without a descriptor: freeze what it can.
            for (Object id : builtIn.getAllIds()) {
                try {
                    if (id instanceof Integer index) {
                        builtIn.setAttributes(index, builtIn.getAttributes(index) | ScriptableObject.READONLY
                                | ScriptableObject.PERMANENT);
                    } else {
                        String name = id.toString();
                        builtIn.setAttributes(name, builtIn.getAttributes(name) | ScriptableObject.READONLY
                                | ScriptableObject.PERMANENT);
                    }
                } catch (RuntimeException accessor) {
                    // An accessor cannot be read-only; sealing still refuses assigning it.
                }
            }
            builtIn.preventExtensions();
        }
    }

    /** Whether {@code value} is a built-in shared between runs: a script cannot seal an object of its own. */
    static boolean isLocked(Object value) {
        return value instanceof ScriptableObject object && object.isSealed();
    }

    /** Replaces {@code holder[name]} (when Rhino has it) by a wrapper that refuses a locked target. */
    private static void refuseLocked(ScriptableObject scope, Scriptable holder, String name, int... targets) {
        Object original = ScriptableObject.getProperty(holder, name);
        if (!(original instanceof Callable builtIn)) {
            return;
        }
        int arity = original instanceof org.mozilla.javascript.Function f
                ? ScriptRuntime.toInt32(ScriptableObject.getProperty(f, "length")) : 1;
        LambdaFunction wrapper = new LambdaFunction(scope, name, arity, (cx, callScope, thisObj, args) -> {
            for (int target : targets) {
                Object value = target == THIS ? thisObj : target < args.length ? args[target] : Undefined.instance;
                if (isLocked(value)) {
                    throw ScriptRuntime.typeError(name + ": built-in objects are shared by every run and cannot be changed");
                }
            }
            return builtIn.call(cx, callScope, thisObj, args);
        });
        ScriptableObject.defineProperty(holder, name, wrapper, ScriptableObject.DONTENUM);
    }
}
