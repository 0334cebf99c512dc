package dev.botwebhooks.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP answer of a run, decided before the commit and stored with the call record.
 *
 * @param retryAfterSeconds set when the caller should retry later (overload, database down)
 */
public record Answer(int status, String contentType, Map<String, String> headers, String body,
        Integer retryAfterSeconds) {

    /** This answer with one more header (or that header replaced). */
    public Answer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, contentType, Collections.unmodifiableMap(more), body, retryAfterSeconds);
    }

    public static Answer json(int status, String body) {
        return new Answer(status, "application/json", Map.of(), body, null);
    }
}
