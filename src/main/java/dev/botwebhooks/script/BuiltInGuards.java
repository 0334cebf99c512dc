package dev.botwebhooks.script;

import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/**
 * Wraps the built-ins that can allocate hundreds of megabytes in one call, between two checks of
 * the instruction observer ({@code "x".repeat(2**30)}, {@code new Array(1e8).join("x")},
 * {@code a.concat(a)}): each wrapper estimates the result's size from its arguments and fails
 * the run when it would not fit in what is left of the run's allocation budget, before allocating.
 * Installed once per {@link BuiltInSet}; each call charges the budget of the run that makes it.
 */
final class BuiltInGuards {

    /** Java strings hold at most two bytes per character; an estimate may overshoot, never undershoot much. */
    private static final double BYTES_PER_CHAR = 2;
    /** A reference in an array's backing store, plus the boxing a dense element may need. */
    private static final double BYTES_PER_ELEMENT = 8;
    /** Joining converts numbers and other primitives to text of about this size. */
    private static final double CHARS_PER_PRIMITIVE = 8;
    /** How often a long estimating loop looks at the clock and the allocation counter. */
    private static final int CHECK_EVERY = 4096;

    private BuiltInGuards() {
    }

    static void install(ScriptableObject scope) {
        Scriptable string = ScriptableObject.getClassPrototype(scope, "String");
        guard(scope, string, "repeat", (thisObj, args) -> {
            double count = ScriptRuntime.toInteger(args, 0);
            return count > 0 ? chars(thisObj) * count * BYTES_PER_CHAR : 0;
        });
        guard(scope, string, "padStart", (thisObj, args) -> ScriptRuntime.toLength(args, 0) * BYTES_PER_CHAR);
        guard(scope, string, "padEnd", (thisObj, args) -> ScriptRuntime.toLength(args, 0) * BYTES_PER_CHAR);
        guard(scope, string, "concat", (thisObj, args) -> {
            double chars = chars(thisObj);
            for (Object arg : args) {
                chars += chars(arg);
            }
            return chars * BYTES_PER_CHAR;
        });

        Scriptable array = ScriptableObject.getClassPrototype(scope, "Array");
        guard(scope, array, "join", (thisObj, args) -> joinedBytes(thisObj, separator(args)));
        guard(scope, array, "toString", (thisObj, args) -> joinedBytes(thisObj, 1));
        guard(scope, array, "toLocaleString", (thisObj, args) -> joinedBytes(thisObj, 1));
        guard(scope, array, "concat", (thisObj, args) -> {
            double elements = length(thisObj);
            for (Object arg : args) {
                elements += arg instanceof NativeArray other ? other.getLength() : 1;
            }
            return elements * BYTES_PER_ELEMENT;
        });
        guard(scope, array, "fill", (thisObj, args) -> length(thisObj) * BYTES_PER_ELEMENT);

    }

    /** Bytes one call of a built-in may allocate, from its receiver and arguments. */
    @FunctionalInterface
    private interface Estimate {
        double bytes(Scriptable thisObj, Object[] args);
    }

    private static void guard(ScriptableObject scope, Scriptable prototype, String name, Estimate estimate) {
        Object original = ScriptableObject.getProperty(prototype, name);
        if (!(original instanceof Callable builtIn)) {
            throw new IllegalStateException("no built-in " + name + " to guard");
        }
        int arity = original instanceof org.mozilla.javascript.Function f
                ? ScriptRuntime.toInt32(ScriptableObject.getProperty(f, "length")) : 1;
        LambdaFunction wrapper = new LambdaFunction(scope, name, arity, (cx, callScope, thisObj, args) -> {
            SandboxContextFactory.Budget budget = currentBudget();
            if (budget != null) {
                budget.reserve(estimate.bytes(thisObj, args));
            }
            return builtIn.call(cx, callScope, thisObj, args);
        });
        ScriptableObject.defineProperty(prototype, name, wrapper, ScriptableObject.DONTENUM);
    }

    /** The budget of the run calling a built-in: the built-ins are shared by every run of a {@link BuiltInSet}. */
    private static SandboxContextFactory.Budget currentBudget() {
        return Context.getCurrentContext() instanceof SandboxContextFactory.SandboxContext sandbox ? sandbox.budget : null;
    }

    private static int separator(Object[] args) {
        Object separator = args.length == 0 ? Undefined.instance : args[0];
        return Undefined.isUndefined(separator) ? 1 : chars(separator);
    }

    /** The size of {@code array.join(separator)}: the separators first, then the elements, giving up early. */
    private static double joinedBytes(Scriptable thisObj, int separatorChars) {
        SandboxContextFactory.Budget budget = currentBudget();
        if (budget == null) {
            return 0;
        }
        long length = length(thisObj);
        double bytes = Math.max(0, length - 1) * (double) separatorChars * BYTES_PER_CHAR;
        for (long i = 0; i < length && bytes <= budget.remainingBytes(); i++) {
            if (i % CHECK_EVERY == 0) {
                budget.check();
            }
            Object element = i <= Integer.MAX_VALUE ? ScriptableObject.getProperty(thisObj, (int) i)
                    : ScriptableObject.getProperty(thisObj, Long.toString(i));
            bytes += element instanceof CharSequence text ? text.length() * BYTES_PER_CHAR
                    : element instanceof Scriptable || element == Scriptable.NOT_FOUND || element == null
                    || Undefined.isUndefined(element) ? 0 : CHARS_PER_PRIMITIVE * BYTES_PER_CHAR;
        }
        return bytes;
    }

    private static long length(Scriptable thisObj) {
        if (thisObj instanceof NativeArray array) {
            return array.getLength();
        }
        return thisObj == null ? 0 : ScriptRuntime.toLength(ScriptableObject.getProperty(thisObj, "length"));
    }

    /** Length of a string value without flattening a concatenation or calling a script's toString. */
    private static int chars(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Scriptable object && "String".equals(object.getClassName())) {
            Object length = ScriptableObject.getProperty(object, "length");
            return length instanceof Number n ? n.intValue() : 0;
        }
        return 0;
    }
}
