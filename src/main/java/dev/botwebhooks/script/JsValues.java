package dev.botwebhooks.script;

import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeJSON;
import org.mozilla.javascript.NativeObject;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.json.JsonParser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Moves values across the sandbox boundary. Everything crosses as JSON or as a JavaScript
 * primitive, so no Java object ever reaches a script.
 */
final class JsValues {

    /** Its own mapper: the engine is built without Spring, and only moves values between JSON and JavaScript. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int INSPECT_MAX_DEPTH = 10;
    private static final int INSPECT_MAX_CHARS = 1 << 20;

    private JsValues() {
    }

    static boolean isAbsent(Object value) {
        return value == null || value == Undefined.instance || value == Scriptable.NOT_FOUND;
    }

    static Object arg(Object[] args, int index) {
        return index < args.length ? args[index] : Undefined.instance;
    }

    /** A plain {@code {...}} object (not an array, function, Date, boxed string, ...). */
    static boolean isPlainObject(Object value) {
        return value instanceof NativeObject;
    }

    static Object get(Scriptable object, String name) {
        Object value = ScriptableObject.getProperty(object, name);
        return value == Scriptable.NOT_FOUND ? Undefined.instance : value;
    }

    static EcmaError error(String message) {
        return ScriptRuntime.constructError("Error", message);
    }

    static EcmaError typeError(String message) {
        return ScriptRuntime.typeError(message);
    }

    static EcmaError rangeError(String message) {
        return ScriptRuntime.rangeError(message);
    }

    /** JSON.stringify semantics (toJSON, functions dropped); null when the value has no JSON form. */
    static String stringify(Context cx, Scriptable scope, Object value) {
        Object json = NativeJSON.stringify(cx, scope, value, null, null);
        return json instanceof CharSequence text ? text.toString() : null;
    }

    /** The JSON form of a script value; null when it has none (undefined, a function). */
    static JsonNode toJson(Context cx, Scriptable scope, Object value) {
        String json = stringify(cx, scope, value);
        return json == null ? null : JSON.readTree(json);
    }

    static Object fromJson(Context cx, Scriptable scope, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return new JsonParser(cx, scope).parseValue(JSON.writeValueAsString(node));
        } catch (JsonParser.ParseException | JacksonException e) {
            throw new RunAborted(ScriptFailure.Kind.INFRASTRUCTURE, "a stored value is not valid JSON", e);
        }
    }

    static Scriptable newDate(Context cx, Scriptable scope, Instant instant) {
        return cx.newObject(scope, "Date", new Object[] {(double) instant.toEpochMilli()});
    }

    static boolean isDate(Object value) {
        return value instanceof ScriptableObject object && "Date".equals(object.getClassName());
    }

    /** Milliseconds since the epoch of a Date; NaN for an invalid one. */
    static double dateMillis(Object date) {
        return ScriptRuntime.toNumber(date);
    }

    static boolean isWholeNumber(double number) {
        return !Double.isInfinite(number) && number == Math.rint(number);
    }

    /** A short description of a value for error messages; never runs script code. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value == Undefined.instance) {
            return "undefined";
        }
        if (value instanceof CharSequence text) {
            String s = text.toString();
            return JSON.writeValueAsString(s.length() > 40 ? s.substring(0, 40) + "..." : s);
        }
        if (value instanceof Number number) {
            return ScriptRuntime.numberToString(number.doubleValue(), 10);
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Function) {
            return "a function";
        }
        if (ScriptRuntime.isArrayObject(value)) {
            return "an array";
        }
        if (isDate(value)) {
            return "a Date";
        }
        return value instanceof Scriptable ? "an object" : "a " + value.getClass().getSimpleName();
    }

    /** Readable text for any value: JSON with a 2-space indent that also shows functions, undefined and cycles. */
    static String inspect(Object value) {
        StringBuilder out = new StringBuilder();
        new Inspector(out).write(value, 0);
        return out.length() > INSPECT_MAX_CHARS ? out.substring(0, INSPECT_MAX_CHARS) + "..." : out.toString();
    }

    private static final class Inspector {

        private final StringBuilder out;
        private final Map<Object, Boolean> path = new IdentityHashMap<>();

        Inspector(StringBuilder out) {
            this.out = out;
        }

        void write(Object value, int depth) {
            if (out.length() > INSPECT_MAX_CHARS) {
                return;
            }
            if (value == null || value == Undefined.instance || value instanceof Boolean
                    || value instanceof Number) {
                out.append(value == null ? "null" : value == Undefined.instance ? "undefined"
                        : value instanceof Number n ? ScriptRuntime.numberToString(n.doubleValue(), 10)
                        : value.toString());
            } else if (value instanceof CharSequence text) {
                out.append(JSON.writeValueAsString(text.toString()));
            } else if (value instanceof Function function) {
                String name = function instanceof BaseFunction base ? base.getFunctionName() : "";
                out.append(name == null || name.isEmpty() ? "[Function]" : "[Function: " + name + "]");
            } else if (isDate(value)) {
                double millis = dateMillis(value);
                out.append(Double.isNaN(millis) ? "Invalid Date"
                        : JSON.writeValueAsString(Instant.ofEpochMilli((long) millis).toString()));
            } else if (value instanceof ScriptableObject object && "Error".equals(object.getClassName())) {
                out.append(plain(get(object, "name"))).append(": ").append(plain(get(object, "message")));
            } else if (value instanceof Scriptable object) {
                writeObject(object, depth);
            } else {
                out.append(value);
            }
        }

        private void writeObject(Scriptable object, int depth) {
            boolean array = ScriptRuntime.isArrayObject(object);
            if (path.containsKey(object)) {
                out.append("[Circular]");
                return;
            }
            if (depth >= INSPECT_MAX_DEPTH) {
                out.append(array ? "[Array]" : "[Object]");
                return;
            }
            Object[] ids = object.getIds();
            if (ids.length == 0) {
                out.append(array ? "[]" : "{}");
                return;
            }
            path.put(object, Boolean.TRUE);
            String indent = "  ".repeat(depth + 1);
            out.append(array ? "[" : "{");
            for (int i = 0; i < ids.length && out.length() <= INSPECT_MAX_CHARS; i++) {
                out.append(i == 0 ? "\n" : ",\n").append(indent);
                Object id = ids[i];
                Object element = id instanceof Integer index
                        ? ScriptableObject.getProperty(object, index)
                        : ScriptableObject.getProperty(object, id.toString());
                if (!array) {
                    out.append(JSON.writeValueAsString(id.toString())).append(": ");
                }
                write(element == Scriptable.NOT_FOUND ? Undefined.instance : element, depth + 1);
            }
            out.append("\n").append("  ".repeat(depth)).append(array ? "]" : "}");
            path.remove(object);
        }

        private static String plain(Object value) {
            return value instanceof CharSequence text ? text.toString() : describe(value);
        }
    }
}
