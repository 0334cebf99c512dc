package dev.botwebhooks.verification;


import dev.botwebhooks.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Standard Webhooks (standardwebhooks.com, also Svix): HMAC-SHA256 over {@code id.timestamp.body},
 * keyed by the base64 part of a {@code whsec_} secret; {@code webhook-signature} lists
 * space-separated {@code v1,<base64>} signatures, one per active key. Svix's {@code svix-*} names are accepted too.
 */
record StandardWebhooks(List<byte[]> keys) implements SignatureScheme {

    static final String PREFIX = "whsec_";

    /** The HMAC key of a secret as the provider shows it. */
    static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    @Override
    public SignatureVerdict verify(Function<String, String> header, byte[] body, Instant now, Duration tolerance) {
        String id = either(header, "webhook-id", "svix-id");
        Long timestamp = SignatureScheme.parseSeconds(either(header, "webhook-timestamp", "svix-timestamp"));
        String signatures = either(header, "webhook-signature", "svix-signature");
        if (id == null || timestamp == null || signatures == null) {
            return SignatureVerdict.INVALID;
        }
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        for (byte[] key : keys) {
            byte[] expected = Hmac.sign("HmacSHA256", key, prefix, body);
            for (String signature : signatures.trim().split(" +")) {
                if (signature.startsWith("v1,")
                        && Hmac.equal(expected, Hmac.decode(signature.substring(3), "base64").orElse(null))) {
                    return SignatureScheme.timely(timestamp, now, tolerance);
                }
            }
        }
        return SignatureVerdict.INVALID;
    }

    private static String either(Function<String, String> header, String name, String alias) {
        String value = header.apply(name);
        return value != null ? value : header.apply(alias);
    }
}
