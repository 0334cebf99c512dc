package dev.botwebhooks.script;

import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyValue;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BB's property placeholders: {@code <UserRole>} in a command's answer or a message is the current user's property
 * {@code UserRole} ("Hello, <UserRole>!", as BB's "User functions" page shows). A tag that names no property of the
 * user is left as written, so HTML ({@code <b>}) passes through. Only a text with such a tag reads anything.
 */
final class Placeholders {

    private static final Pattern TAG = Pattern.compile("<([A-Za-z_][A-Za-z0-9_]{0,63})>");
    /** Distinct properties one text may read: a message is bounded, its reads are too. */
    private static final int MAX_NAMES = 20;

    private Placeholders() {
    }

    static String fill(BjsEnvironment env, String text) {
        Long userId = env.run().userId();
        if (userId == null || text == null || text.indexOf('<') < 0) {
            return text;
        }
        Matcher tags = TAG.matcher(text);
        Map<String, Optional<String>> values = new HashMap<>();
        StringBuilder filled = new StringBuilder(text.length());
        while (tags.find()) {
            String name = tags.group(1);
            Optional<String> value = values.get(name);
            if (value == null) {
                value = values.size() < MAX_NAMES ? read(env, userId, name) : Optional.empty();
                values.put(name, value);
            }
            tags.appendReplacement(filled, Matcher.quoteReplacement(value.orElse(tags.group())));
        }
        tags.appendTail(filled);
        return filled.toString();
    }

    private static Optional<String> read(BjsEnvironment env, long userId, String name) {
        Optional<PropertyValue> value = PropertyFunctions.read(env, new PropertyKey(env.run().source().botId(), userId, name));
        return value.map(PropertyValue::value).filter(node -> !node.isNull()).map(Placeholders::text);
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }
}
