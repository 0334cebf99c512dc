package dev.botwebhooks.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/** One provider's way of signing a webhook body. Secrets are a list, so keys can rotate. */
interface SignatureScheme {

    /**
     * @param header    the request's first value of a header, case-insensitive by name; null when absent
     * @param body      the raw body bytes
     * @param tolerance how far a signed timestamp may be from {@code now}
     */
    SignatureVerdict verify(Function<String, String> header, byte[] body, Instant now, Duration tolerance);

    /** A signed unix-seconds timestamp judged against the tolerance, for schemes that sign one. */
    static SignatureVerdict timely(long timestamp, Instant now, Duration tolerance) {
        long distance = Math.abs(now.getEpochSecond() - timestamp);
        return distance > tolerance.toSeconds() ? SignatureVerdict.STALE : SignatureVerdict.VALID;
    }

    static Long parseSeconds(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException malformed) {
            return null;
        }
    }
}
