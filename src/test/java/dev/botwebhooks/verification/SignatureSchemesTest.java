package dev.botwebhooks.verification;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every scheme with a valid, a tampered-body, a stale and a rotated-key case. Vectors: the Standard
 * Webhooks specification's example, GitHub's "Validating webhook deliveries" example; Stripe's and the
 * generic HMAC's were computed with {@code openssl dgst -hmac}, independently of this code.
 */
class SignatureSchemesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Nested
    class StandardWebhooksScheme {

        static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        static final String BODY = "{\"test\": 2432232314}";
        static final Instant SENT = Instant.ofEpochSecond(1614265330);

        Map<String, String> headers(String signature) {
            return Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp", "1614265330",
                    "webhook-signature", signature);
        }

        @Test
        void acceptsTheSpecificationsExample() {
            assertThat(verify(setting("standard-webhooks", SECRET), headers("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
                    BODY, SENT.plusSeconds(60))).isEqualTo(SignatureVerdict.VALID);
        }

        @Test
        void refusesATamperedBody() {
            assertThat(verify(setting("standard-webhooks", SECRET), headers("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
                    "{\"test\": 2432232315}", SENT)).isEqualTo(SignatureVerdict.INVALID);
        }

        @Test
        void findsAnAuthenticButOldOrFutureTimestampStale() {
            Map<String, String> headers = headers("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
            assertThat(verify(setting("standard-webhooks", SECRET), headers, BODY, SENT.plusSeconds(301)))
                    .isEqualTo(SignatureVerdict.STALE);
            assertThat(verify(setting("standard-webhooks", SECRET), headers, BODY, SENT.minusSeconds(301)))
                    .isEqualTo(SignatureVerdict.STALE);
        }

        @Test
        void acceptsAnyOfSeveralSignaturesAndSecretsDuringARotation() {
            JsonNode rotating = JSON.readTree("{\"scheme\": \"standard-webhooks\", \"secrets\": "
                    + "[\"whsec_c2VjcmV0LW5ldw==\", \"" + SECRET + "\"]}");
            Map<String, String> headers = headers(
                    "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
            assertThat(verify(rotating, headers, BODY, SENT)).isEqualTo(SignatureVerdict.VALID);
            JsonNode retired = setting("standard-webhooks", "whsec_c2VjcmV0LW5ldw==");
            assertThat(verify(retired, headers, BODY, SENT)).isEqualTo(SignatureVerdict.INVALID);
        }

        @Test
        void refusesMissingHeaders() {
            assertThat(verify(setting("standard-webhooks", SECRET), Map.of(), BODY, SENT)).isEqualTo(SignatureVerdict.INVALID);
        }
    }

    @Nested
    class StripeScheme {

        static final String SECRET = "whsec_test_secret";
        static final String BODY = "{\"id\": \"evt_test_webhook\", \"object\": \"event\"}";
        static final String V1 = "c137b1b62277d523cf8fed4dfbd0170a9a5b8a380e00cc3711d4bf0652f2ce7a";
        static final Instant SENT = Instant.ofEpochSecond(1492774577);

        @Test
        void acceptsAValidSignature() {
            assertThat(verify(setting("stripe", SECRET), Map.of("Stripe-Signature", "t=1492774577,v1=" + V1 + ",v0=6ffbb59b"),
                    BODY, SENT)).isEqualTo(SignatureVerdict.VALID);
        }

        @Test
        void refusesATamperedBody() {
            assertThat(verify(setting("stripe", SECRET), Map.of("Stripe-Signature", "t=1492774577,v1=" + V1),
                    BODY.replace("evt_", "evt-"), SENT)).isEqualTo(SignatureVerdict.INVALID);
        }

        @Test
        void refusesATimestampChangedToLookFresh() {
            assertThat(verify(setting("stripe", SECRET), Map.of("Stripe-Signature", "t=1492774600,v1=" + V1),
                    BODY, SENT.plusSeconds(23))).isEqualTo(SignatureVerdict.INVALID);
        }

        @Test
        void findsAnOldSignatureStale() {
            assertThat(verify(setting("stripe", SECRET), Map.of("Stripe-Signature", "t=1492774577,v1=" + V1),
                    BODY, SENT.plus(Duration.ofMinutes(6)))).isEqualTo(SignatureVerdict.STALE);
        }

        @Test
        void acceptsTheOldSecretAndOneOfSeveralV1SignaturesDuringARotation() {
            JsonNode rotating = JSON.readTree("{\"scheme\": \"stripe\", \"secrets\": [\"whsec_new\", \"" + SECRET + "\"]}");
            assertThat(verify(rotating, Map.of("Stripe-Signature", "t=1492774577,v1=" + "00".repeat(32) + ",v1=" + V1),
                    BODY, SENT)).isEqualTo(SignatureVerdict.VALID);
        }
    }

    @Nested
    class GithubScheme {

        static final String SECRET = "It's a Secret to Everybody";
        static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        @Test
        void acceptsGithubsDocumentedExample() {
            assertThat(verify(setting("github", SECRET), Map.of("X-Hub-Signature-256", SIGNATURE), "Hello, World!",
                    Instant.now())).isEqualTo(SignatureVerdict.VALID);
        }

        @Test
        void refusesATamperedBodyAndAMissingPrefix() {
            assertThat(verify(setting("github", SECRET), Map.of("X-Hub-Signature-256", SIGNATURE), "Hello, World?",
                    Instant.now())).isEqualTo(SignatureVerdict.INVALID);
            assertThat(verify(setting("github", SECRET), Map.of("X-Hub-Signature-256", SIGNATURE.substring(7)),
                    "Hello, World!", Instant.now())).isEqualTo(SignatureVerdict.INVALID);
        }

        @Test
        void acceptsTheSecretBeingRotatedOut() {
            JsonNode rotating = JSON.readTree("{\"scheme\": \"github\", \"secrets\": [\"new secret\", \"" + SECRET + "\"]}");
            assertThat(verify(rotating, Map.of("X-Hub-Signature-256", SIGNATURE), "Hello, World!", Instant.now()))
                    .isEqualTo(SignatureVerdict.VALID);
        }
    }

    @Nested
    class GenericHmacScheme {

        @Test
        void checksSha1HexWithAPrefix() {
            JsonNode setting = JSON.readTree("{\"scheme\": \"hmac\", \"secret\": \"k3y\", \"header\": \"X-Signature\", "
                    + "\"algorithm\": \"sha1\", \"encoding\": \"hex\", \"prefix\": \"sha1=\"}");
            assertThat(verify(setting, Map.of("X-Signature", "sha1=e10dd497e214d3c12496ef4a215a79532e324e2a"), "payload",
                    Instant.now())).isEqualTo(SignatureVerdict.VALID);
            assertThat(verify(setting, Map.of("X-Signature", "sha1=e10dd497e214d3c12496ef4a215a79532e324e2a"), "payloaD",
                    Instant.now())).isEqualTo(SignatureVerdict.INVALID);
        }

        @Test
        void checksSha512Base64AndRotatedSecrets() {
            JsonNode setting = JSON.readTree("{\"scheme\": \"hmac\", \"secrets\": [\"other\", \"k3y\"], "
                    + "\"header\": \"X-Signature\", \"algorithm\": \"sha512\", \"encoding\": \"base64\"}");
            String signature = "JuSf83Z2yw25qDKLDtJMsChhbbZ15zML629Z6xWJDKTf6zK9vvXWciALB0LlhDZNrys3VCgMkuMmfyycxz/+QA==";
            assertThat(verify(setting, Map.of("X-Signature", signature), "payload", Instant.now())).isEqualTo(SignatureVerdict.VALID);
            assertThat(verify(setting, Map.of("X-Signature", "not base64!"), "payload", Instant.now()))
                    .isEqualTo(SignatureVerdict.INVALID);
        }
    }

    @Test
    void refusesSettingsOfTheWrongShapeWithAClearMessage() {
        assertThatThrownBy(() -> SignatureSettings.parse(JSON.readTree("{\"scheme\": \"paypal\", \"secret\": \"x\"}")))
                .hasMessageContaining("standard-webhooks, stripe, github or hmac");
        assertThatThrownBy(() -> SignatureSettings.parse(JSON.readTree("{\"scheme\": \"github\"}")))
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> SignatureSettings.parse(JSON.readTree("{\"scheme\": \"hmac\", \"secret\": \"x\"}")))
                .hasMessageContaining("header");
        assertThatThrownBy(() -> SignatureSettings.parse(JSON.readTree("{\"scheme\": \"github\", \"secret\": \"x\", \"header\": \"y\"}")))
                .hasMessageContaining("unknown field 'header'");
        assertThatThrownBy(() -> SignatureSettings.parse(JSON.readTree("{\"scheme\": \"standard-webhooks\", \"secret\": \"whsec_%%%\"}")))
                .hasMessageContaining("base64");
    }

    @Test
    void masksEverySecretForDisplay() {
        JsonNode shown = SignatureSettings.masked(JSON.readTree("{\"scheme\": \"stripe\", \"secrets\": [\"a\", \"b\"]}"));
        assertThat(shown.toString()).isEqualTo("{\"scheme\":\"stripe\",\"secrets\":[\"***\",\"***\"]}");
    }

    private static JsonNode setting(String scheme, String secret) {
        return JSON.createObjectNode().put("scheme", scheme).put("secret", secret);
    }

    /** Header names are case-insensitive, as on a real request. */
    private static SignatureVerdict verify(JsonNode setting, Map<String, String> headers, String body, Instant now) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return SignatureSettings.parse(setting).verify(byName::get, body.getBytes(StandardCharsets.UTF_8), now, TOLERANCE);
    }
}
