package dev.botwebhooks.outbound;

import java.util.Map;

/** What came back, or why nothing usable did. */
sealed interface OutboundResponse {

    record Received(int status, Map<String, String> headers, byte[] body, String url) implements OutboundResponse {
    }

    /**
     * @param outcome the metric tag: {@code blocked}, {@code timeout}, {@code too_large}, {@code too_many_redirects}, {@code failed}
     */
    record Failed(String outcome, String error) implements OutboundResponse {
    }
}
