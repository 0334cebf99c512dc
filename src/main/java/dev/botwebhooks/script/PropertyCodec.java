package dev.botwebhooks.script;

import dev.botwebhooks.property.PropertyType;
import dev.botwebhooks.property.PropertyValue;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Undefined;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.typeError;

/** Turns script values into typed property values and back (types: {@link PropertyType}). */
final class PropertyCodec {

    static final int MAX_NAME_CHARS = 255;
    static final int MAX_STRING_CHARS = 4096;
    static final double MAX_SAFE_INTEGER = 9007199254740991d;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TYPE_NAMES = Arrays.stream(PropertyType.values())
            .map(PropertyType::wireName).collect(Collectors.joining(", "));

    private final ScriptLimits limits;

    PropertyCodec(ScriptLimits limits) {
        this.limits = limits;
    }

    PropertyValue encode(Context cx, Scriptable scope, String name, Object value, Object typeArgument) {
        if (value == null || value == Undefined.instance) {
            // As on BB, where a value that is not there is stored as null (of any type) rather than refused.
            return new PropertyValue(JsValues.isAbsent(typeArgument) ? PropertyType.JSON : explicitType(name, typeArgument),
                    NODES.nullNode());
        }
        PropertyType type = JsValues.isAbsent(typeArgument) ? infer(name, value) : explicitType(name, typeArgument);
        PropertyValue encoded = new PropertyValue(type, toNode(cx, scope, name, type, value));
        int bytes = JsValues.JSON.writeValueAsBytes(encoded.value()).length;
        if (bytes > limits.maxPropertyBytes()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, "property '" + name + "' is " + bytes
                    + " bytes, the limit is " + limits.maxPropertyBytes());
        }
        return encoded;
    }

    Object decode(Context cx, Scriptable scope, PropertyValue value) {
        JsonNode node = value.value();
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (value.type()) {
            case INTEGER, FLOAT -> node.doubleValue();
            case STRING, TEXT -> node.asString();
            case BOOLEAN -> node.booleanValue();
            case DATETIME -> JsValues.newDate(cx, scope, Instant.parse(node.asString()));
            case JSON -> JsValues.fromJson(cx, scope, node);
        };
    }

    private static PropertyType explicitType(String name, Object typeArgument) {
        String wireName = typeArgument instanceof CharSequence text ? text.toString() : "";
        return PropertyType.fromWireName(wireName).orElseThrow(() -> typeError("property '" + name
                + "': unknown type " + describe(typeArgument) + " (types: " + TYPE_NAMES + ")"));
    }

    private static PropertyType infer(String name, Object value) {
        if (value == null) {
            return PropertyType.JSON;
        }
        if (value instanceof Boolean) {
            return PropertyType.BOOLEAN;
        }
        if (value instanceof Number number) {
            return JsValues.isWholeNumber(number.doubleValue()) && Math.abs(number.doubleValue()) <= MAX_SAFE_INTEGER
                    ? PropertyType.INTEGER : PropertyType.FLOAT;
        }
        if (value instanceof CharSequence text) {
            return text.length() <= MAX_STRING_CHARS ? PropertyType.STRING : PropertyType.TEXT;
        }
        if (JsValues.isDate(value)) {
            return PropertyType.DATETIME;
        }
        if (value instanceof Scriptable && !(value instanceof Function)) {
            return PropertyType.JSON;
        }
        throw typeError("property '" + name + "': " + describe(value) + " cannot be stored");
    }

    private static JsonNode toNode(Context cx, Scriptable scope, String name, PropertyType type, Object value) {
        switch (type) {
            case INTEGER -> {
                double number = numeric(value);
                if (!JsValues.isWholeNumber(number) || Math.abs(number) > MAX_SAFE_INTEGER) {
                    throw mismatch(name, value, "an integer");
                }
                long whole = (long) number;
                // The node Jackson reads back from the same JSON, so stored and fresh values compare equal.
                return whole == (int) whole ? NODES.numberNode((int) whole) : NODES.numberNode(whole);
            }
            case FLOAT -> {
                double number = numeric(value);
                if (Double.isNaN(number) || Double.isInfinite(number)) {
                    throw mismatch(name, value, "a finite number");
                }
                return NODES.numberNode(number);
            }
            case STRING -> {
                CharSequence text = text(value);
                if (text == null) {
                    throw mismatch(name, value, "a string");
                }
                if (text.length() > MAX_STRING_CHARS) {
                    throw typeError("property '" + name + "': a string is at most " + MAX_STRING_CHARS
                            + " characters, this one has " + text.length() + "; use type 'text'");
                }
                return NODES.stringNode(text.toString());
            }
            case TEXT -> {
                CharSequence text = text(value);
                if (text == null) {
                    throw mismatch(name, value, "a string");
                }
                return NODES.stringNode(text.toString());
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean flag)) {
                    throw mismatch(name, value, "a boolean");
                }
                return NODES.booleanNode(flag);
            }
            case DATETIME -> {
                return NODES.stringNode(instant(name, value).toString());
            }
            case JSON -> {
                JsonNode json = value == null ? NODES.nullNode() : JsValues.toJson(cx, scope, value);
                if (json == null) {
                    throw mismatch(name, value, "JSON");
                }
                return json;
            }
        }
        throw new IllegalStateException("unhandled property type " + type);
    }

    /**
     * A number, or a string that is one ({@code "0.00000000"}, as BB bots store API amounts): BB stores it, so the type
     * names what it is stored as. Anything else is NaN, and refused.
     */
    private static double numeric(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof CharSequence text && !text.toString().isBlank()) {
            return ScriptRuntime.toNumber(text.toString());
        }
        return Double.NaN;
    }

    /** A string, or a number or boolean as JavaScript writes it ({@code setProperty("id", 4242, "text")}, as on BB). */
    private static CharSequence text(Object value) {
        if (value instanceof CharSequence text) {
            return text;
        }
        return value instanceof Number || value instanceof Boolean ? ScriptRuntime.toString(value) : null;
    }

    /** A Date, an ISO-8601 string with an offset, or milliseconds since the epoch. */
    private static Instant instant(String name, Object value) {
        double millis = Double.NaN;
        if (JsValues.isDate(value)) {
            millis = JsValues.dateMillis(value);
        } else if (value instanceof Number n) {
            millis = n.doubleValue();
        } else if (value instanceof CharSequence text) {
            try {
                return OffsetDateTime.parse(text.toString()).toInstant();
            } catch (DateTimeParseException e) {
                throw mismatch(name, value, "a datetime (a Date or an ISO-8601 string with an offset)");
            }
        }
        if (!JsValues.isWholeNumber(millis) || Math.abs(millis) > 8.64e15) {
            throw mismatch(name, value, "a valid datetime");
        }
        return Instant.ofEpochMilli((long) millis);
    }

    private static RuntimeException mismatch(String name, Object value, String expected) {
        return typeError("property '" + name + "': " + describe(value) + " is not " + expected);
    }
}
