package dev.botwebhooks.run;

import dev.botwebhooks.property.PropertyChange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A run's property writes as the console shows them: {@code [{user_id, name, type, value}]}, a deletion with
 * {@code type} and {@code value} null. Kept with the call record, so bounded: the first {@link #MAX_WRITES}
 * writes, and a value whose JSON is over {@link #MAX_VALUE_CHARS} characters shown as null with
 * {@code "truncated": true} (the property itself keeps it whole).
 */
public final class PropertyWrites {

    public static final int MAX_WRITES = 100;
    public static final int MAX_VALUE_CHARS = 2048;

    private PropertyWrites() {
    }

    /** Null for no writes: most runs write none, and their call records stay small. */
    public static ArrayNode of(List<PropertyChange> changes) {
        if (changes.isEmpty()) {
            return null;
        }
        ArrayNode writes = JsonNodeFactory.instance.arrayNode();
        for (PropertyChange change : changes.subList(0, Math.min(changes.size(), MAX_WRITES))) {
            ObjectNode write = writes.addObject();
            if (change.key().userId() == null) {
                write.putNull("user_id");
            } else {
                write.put("user_id", change.key().userId());
            }
            write.put("name", change.key().name());
            if (change instanceof PropertyChange.Put put) {
                write.put("type", put.value().type().wireName());
                JsonNode value = put.value().value();
                if (value.toString().length() > MAX_VALUE_CHARS) {
                    write.putNull("value");
                    write.put("truncated", true);
                } else {
                    write.set("value", value);
                }
            } else {
                write.putNull("type");
                write.putNull("value");
            }
        }
        return writes;
    }
}
