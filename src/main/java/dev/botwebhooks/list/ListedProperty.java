package dev.botwebhooks.list;

import dev.botwebhooks.property.PropertyValue;

import java.time.Instant;

/**
 * A property in a list, as BB's {@code list.get()} gives it.
 *
 * @param userId    whose property it is, null for the bot's
 * @param createdAt when it was added to the list
 * @param updatedAt when its value was last written
 */
public record ListedProperty(Long userId, String name, PropertyValue value, Instant createdAt, Instant updatedAt) {
}
