package dev.botwebhooks.bot;

import tools.jackson.databind.JsonNode;

import java.util.function.Function;

/**
 * One feature's part of a bot's settings: its key and how it is parsed. Declared by the feature that
 * reads it (admission, verification, idempotency, ...), so the bot package needs to know none of them.
 *
 * @param key    the settings key, e.g. {@code "idempotency"}; null for a part made of several keys, whose
 *               parser then gets the whole settings object
 * @param parser turns the key's JSON value (never null or JSON null) into the feature's type; throws
 *               {@link IllegalArgumentException} with a message fit for the API user when the value is invalid
 */
public record BotSetting<T>(String key, Function<JsonNode, T> parser) {

    /** The value of this setting in {@code settings}: absent, valid or invalid, never an exception. */
    Parsed<T> parse(JsonNode settings) {
        JsonNode value = key == null ? settings : settings == null ? null : settings.get(key);
        if (value == null || value.isNull()) {
            return new Parsed.Absent<>();
        }
        try {
            return new Parsed.Valid<>(parser.apply(value));
        } catch (IllegalArgumentException invalid) {
            return new Parsed.Invalid<>(invalid.getMessage());
        }
    }

    /** A setting's value as parsed; each feature decides what an invalid one means for it (fail open or closed). */
    public sealed interface Parsed<T> {

        record Absent<T>() implements Parsed<T> {
        }

        record Valid<T>(T value) implements Parsed<T> {
        }

        /** Stored from outside the admin API (which validates), or written by an older version. */
        record Invalid<T>(String reason) implements Parsed<T> {
        }
    }
}
