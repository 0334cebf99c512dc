package dev.botwebhooks.metrics;

import java.time.Instant;

/**
 * One webhook call a bot's URL refused before its command ran, as the console lists it. Never its body.
 *
 * @param ip             the caller's address after the trusted-proxy rules; null when unknown
 * @param pathWithoutSig the path and query as called, without the {@code sig} parameter (which would let anyone
 *                       who reads the list call the URL)
 */
public record RefusedCall(Instant at, Rejection reason, String ip, String method, String pathWithoutSig) {
}
