package dev.botwebhooks.httprequest;

import java.util.Map;

/**
 * A request a script asked for with {@code HTTP.get}, {@code HTTP.post}, ...: buffered with the run's other
 * effects, stored at its commit, sent afterwards.
 *
 * @param successCommand run with the response when it is a 2xx or 3xx; null for none
 * @param errorCommand   run with the response (or the error) otherwise; null for none
 */
public record ScriptHttpRequest(String method, String url, Map<String, String> headers, byte[] body,
        boolean followRedirects, String successCommand, String errorCommand) {
}
