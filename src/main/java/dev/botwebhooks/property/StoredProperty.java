package dev.botwebhooks.property;

import java.time.Instant;

/** A property as listed by the admin API. */
public record StoredProperty(Long userId, String name, PropertyValue value, Instant updatedAt) {
}
