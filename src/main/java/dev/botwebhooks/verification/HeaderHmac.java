package dev.botwebhooks.verification;


import dev.botwebhooks.crypto.Hmac;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * An HMAC of the body alone in one header, e.g. {@code X-Signature: sha256=<hex>}: GitHub's
 * {@code X-Hub-Signature-256} and the generic {@code hmac} scheme. Without a signed timestamp it
 * cannot tell a stale request; idempotency is what keeps such a request from running twice.
 */
record HeaderHmac(List<byte[]> keys, String header, String jcaAlgorithm, String encoding, String prefix)
        implements SignatureScheme {

    static HeaderHmac github(List<byte[]> keys) {
        return new HeaderHmac(keys, "X-Hub-Signature-256", "HmacSHA256", "hex", "sha256=");
    }

    @Override
    public SignatureVerdict verify(Function<String, String> headerValue, byte[] body, Instant now, Duration tolerance) {
        String value = headerValue.apply(header);
        if (value == null || !value.strip().startsWith(prefix)) {
            return SignatureVerdict.INVALID;
        }
        byte[] given = Hmac.decode(value.strip().substring(prefix.length()), encoding).orElse(null);
        for (byte[] key : keys) {
            if (Hmac.equal(Hmac.sign(jcaAlgorithm, key, body), given)) {
                return SignatureVerdict.VALID;
            }
        }
        return SignatureVerdict.INVALID;
    }
}
