package dev.botwebhooks.property;

/** A committed property value and the version its last write gave it. */
public record VersionedValue(PropertyValue value, long version) {
}
