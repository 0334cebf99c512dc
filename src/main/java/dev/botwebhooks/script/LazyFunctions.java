package dev.botwebhooks.script;

import org.mozilla.javascript.NativeObject;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import java.util.List;
import java.util.function.Function;

/**
 * A BJS global's object ({@code Bot}, {@code WebApp}) whose rarely used functions are made the first time a script
 * reads them, as {@code Libs} loads its libraries: a run that does not use them pays nothing for them (a run's setup
 * is budgeted in microseconds). Until read, they are not among the object's enumerated keys.
 */
final class LazyFunctions extends NativeObject {

    /** A function made on first read, for the run's environment; the list of them is a constant, made once. */
    record Lazy(String name, int arity, Function<BjsEnvironment, BjsEnvironment.BjsFunction> body) {
    }

    private final transient BjsEnvironment env;
    private final transient List<Lazy> lazy;

    LazyFunctions(BjsEnvironment env, List<Lazy> lazy) {
        this.env = env;
        this.lazy = lazy;
        setParentScope(env.scope());
        setPrototype(ScriptableObject.getObjectPrototype(env.scope()));
    }

    @Override
    public boolean has(String name, Scriptable start) {
        return super.has(name, start) || (start == this && find(name) != null);
    }

    @Override
    public Object get(String name, Scriptable start) {
        Object own = super.get(name, start);
        if (own != NOT_FOUND || start != this) {
            return own;
        }
        Lazy function = find(name);
        if (function == null) {
            return NOT_FOUND;
        }
        env.function(this, function.name(), function.arity(), function.body().apply(env));
        return super.get(name, start);
    }

    private Lazy find(String name) {
        for (Lazy function : lazy) {
            if (function.name().equals(name)) {
                return function;
            }
        }
        return null;
    }
}
