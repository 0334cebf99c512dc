package dev.botwebhooks.property;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The value types a BJS property can have; the wire name is what scripts and the API use. */
public enum PropertyType {
    INTEGER, FLOAT, STRING, TEXT, JSON, DATETIME, BOOLEAN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PropertyType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
