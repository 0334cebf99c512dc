package dev.botwebhooks.property;

/**
 * A property as a run read it from the database.
 *
 * @param version the version read; {@link #ABSENT} when the property did not exist
 */
public record PropertyRead(PropertyKey key, long version) {

    public static final long ABSENT = 0;
}
