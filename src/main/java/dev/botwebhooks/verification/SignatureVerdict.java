package dev.botwebhooks.verification;

/** What a provider signature check found. */
public enum SignatureVerdict {
    /** Signed by a current secret, within the timestamp tolerance (or the scheme has no timestamp). */
    VALID,
    /**
     * Signed by a current secret, but the signed timestamp is outside the tolerance: must not run the
     * script again, yet an authentic redelivery may still get its stored answer.
     */
    STALE,
    /** Missing, malformed, or signed by no current secret. */
    INVALID
}
