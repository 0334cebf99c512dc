package dev.botwebhooks.property;

import tools.jackson.databind.JsonNode;

/**
 * A typed property value as stored. {@code value} is the JSON form: a number for integer and
 * float, a string for string and text, any JSON for json, an ISO-8601 instant string for
 * datetime, a boolean for boolean.
 */
public record PropertyValue(PropertyType type, JsonNode value) {
}
