package dev.botwebhooks.property;

/** A buffered property write of a run, committed with the run's call record. */
public sealed interface PropertyChange {

    PropertyKey key();

    record Put(PropertyKey key, PropertyValue value) implements PropertyChange {
    }

    record Delete(PropertyKey key) implements PropertyChange {
    }
}
