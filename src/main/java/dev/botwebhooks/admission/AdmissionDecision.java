package dev.botwebhooks.admission;

import dev.botwebhooks.metrics.Rejection;

/** What admission decided about one webhook call. */
public sealed interface AdmissionDecision {

    /** @param clientIp the caller's address after the trusted-proxy rules, null when unknown */
    record Admitted(String clientIp) implements AdmissionDecision {
    }

    /**
     * @param status            403 or 429
     * @param reason            the counted rejection
     * @param message           the {@code error} of the JSON answer
     * @param retryAfterSeconds whole seconds, at least 1; null for a 403
     */
    record Refused(int status, Rejection reason, String message, Integer retryAfterSeconds) implements AdmissionDecision {
    }
}
