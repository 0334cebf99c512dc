package dev.botwebhooks.verification;


import dev.botwebhooks.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Stripe: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, HMAC-SHA256 over
 * {@code t.body} keyed by the endpoint secret's bytes as shown ({@code whsec_...}). Only {@code v1}
 * counts (Stripe's {@code v0} is a test-mode leftover).
 */
record StripeSignature(List<byte[]> keys) implements SignatureScheme {

    @Override
    public SignatureVerdict verify(Function<String, String> header, byte[] body, Instant now, Duration tolerance) {
        String value = header.apply("Stripe-Signature");
        if (value == null) {
            return SignatureVerdict.INVALID;
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String item : value.split(",")) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = item.substring(0, eq).strip();
            String text = item.substring(eq + 1).strip();
            if (name.equals("t")) {
                timestamp = SignatureScheme.parseSeconds(text);
            } else if (name.equals("v1")) {
                signatures.add(text);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return SignatureVerdict.INVALID;
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        for (byte[] key : keys) {
            byte[] expected = Hmac.sign("HmacSHA256", key, prefix, body);
            for (String signature : signatures) {
                if (Hmac.equal(expected, Hmac.decode(signature, "hex").orElse(null))) {
                    return SignatureScheme.timely(timestamp, now, tolerance);
                }
            }
        }
        return SignatureVerdict.INVALID;
    }
}
