package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import java.util.function.Supplier;

/**
 * What the BJS globals of one run share: the run's values, its scope, its host and limits, and its
 * {@link RunOutput}. Host calls and definitions go through here so that every global blocks, fails
 * and defines its functions the same way.
 */
final class BjsEnvironment {

    private final ScriptRun run;
    private final ScriptHost host;
    private final ScriptLimits limits;
    /** The sandbox's budget check, as a function: only {@link BjsRun} knows the sandbox's budget type. */
    private final Runnable checkBudget;
    private final RunOutput output;
    private final ScriptableObject scope;
    private Scriptable libs;

    BjsEnvironment(ScriptRun run, ScriptHost host, ScriptLimits limits, Runnable checkBudget, RunOutput output,
            ScriptableObject scope) {
        this.run = run;
        this.host = host;
        this.limits = limits;
        this.checkBudget = checkBudget;
        this.output = output;
        this.scope = scope;
    }

    ScriptRun run() {
        return run;
    }

    ScriptHost host() {
        return host;
    }

    ScriptLimits limits() {
        return limits;
    }

    RunOutput output() {
        return output;
    }

    /** The run's global object: the scope of every value a global makes. */
    ScriptableObject scope() {
        return scope;
    }

    Scriptable newObject(Context cx) {
        return cx.newObject(scope);
    }

    void define(String name, Object value) {
        ScriptableObject.putProperty(scope, name, value);
    }

    /** A global made the first time a script names it (at once when the scope is not a run's). */
    void defineLazily(String name, Supplier<Object> value) {
        if (scope instanceof RunScope runScope) {
            runScope.defineLazily(name, value);
        } else {
            define(name, value.get());
        }
    }

    void function(Scriptable target, String name, int arity, BjsFunction body) {
        ScriptableObject.putProperty(target, name,
                new LambdaFunction(scope, name, arity, (cx, callScope, thisObj, args) -> body.call(cx, args)));
    }

    /** {@code Libs}, made on first use: Java libraries are put on it, bundled JavaScript ones load themselves. */
    Scriptable libs(Context cx) {
        if (libs == null) {
            libs = new LibsObject(this);
            define("Libs", libs);
        }
        return libs;
    }

    /** Puts a library under {@code Libs}, which all libraries share. */
    void defineLib(Context cx, String name, Scriptable lib) {
        libs(cx);
        ScriptableObject.putProperty(libs, name, lib);
    }

    /**
     * A blocking call to the host: any failure is the infrastructure's (the run aborts, the script
     * cannot catch it), except a JavaScript error the call raises itself to refuse a bad request.
     * The instruction observer cannot see time spent blocked, so the budget is checked after.
     */
    <T> T callHost(String unavailable, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (EcmaError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RunAborted(ScriptFailure.Kind.INFRASTRUCTURE, unavailable, e);
        }
        checkBudget.run();
        return result;
    }

    /** A host function's body: JavaScript values in and out, a JavaScript error for a bad call. */
    @FunctionalInterface
    interface BjsFunction {
        Object call(Context cx, Object[] args);
    }
}
