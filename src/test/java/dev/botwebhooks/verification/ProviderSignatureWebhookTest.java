package dev.botwebhooks.verification;


import dev.botwebhooks.crypto.Hmac;
import dev.botwebhooks.idempotency.IdempotentRuns;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.support.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Provider signatures on the real endpoint: checked on the raw body before the script, 401 otherwise. */
@Import(MutableClock.Configuration.class)
class ProviderSignatureWebhookTest extends EndToEndTest {

    private static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String STRIPE_SECRET = "whsec_stripe_endpoint_secret";
    private static final String COUNTING_COMMAND = """
            let runs = Bot.getProp("runs", 0) + 1
            Bot.setProp("runs", runs, "integer")
            Bot.sendMessage("run " + runs + ": " + content)
            """;

    @Autowired
    MutableClock clock;

    @Autowired
    PropertyRepository properties;

    @Autowired
    MeterRegistry meters;

    @Test
    void standardWebhooksRunOnlyWithAValidFreshSignature() {
        Bots.TestBot bot = bots.create("std").command("/onEvent", COUNTING_COMMAND);
        bot.send("PATCH", "", Map.of("signature", Map.of("scheme", "standard-webhooks", "secret", STANDARD_SECRET)))
                .expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/onEvent"));
        String body = "{\"type\":\"invoice.paid\"}";
        long now = clock.instant().getEpochSecond();
        double rejectedBefore = rejected();

        standard(url, "msg_1", now, body, body).expectStatus().isOk();
        standard(url, "msg_2", now, body, body.replace("paid", "void")).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid provider signature");
        standard(url, "msg_3", now - 301, body, body).expectStatus().isUnauthorized();
        http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized();

        assertThat(runs(bot)).as("only the valid delivery ran").isEqualTo(1);
        assertThat(rejected() - rejectedBefore).isEqualTo(3);
    }

    @Test
    void anAuthenticRedeliveryAfterTheSignatureWindowStillGetsTheStoredAnswer() {
        Bots.TestBot bot = bots.create("stripe").command("/onStripe", COUNTING_COMMAND);
        bot.send("PATCH", "", Map.of("signature", Map.of("scheme", "stripe", "secrets", List.of("whsec_next", STRIPE_SECRET)),
                "idempotency", Map.of("json_path", "$.id"))).expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/onStripe"));
        String event = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}";
        String header = stripeHeader(clock.instant().getEpochSecond(), event);

        EntityExchangeResult<byte[]> first = stripe(url, header, event).expectStatus().isOk().expectBody().returnResult();
        clock.advance(Duration.ofHours(30));
        EntityExchangeResult<byte[]> late = stripe(url, header, event).expectStatus().isOk().expectBody().returnResult();
        String otherEvent = event.replace("evt_1", "evt_2");
        stripe(url, stripeHeader(clock.instant().getEpochSecond() - 3600, otherEvent), otherEvent)
                .expectStatus().isUnauthorized();
        stripe(url, header, event.replace("succeeded", "failed")).expectStatus().isUnauthorized();

        assertThat(late.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(late.getResponseHeaders().getFirst(IdempotentRuns.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(runs(bot)).isEqualTo(1);
    }

    @Test
    void githubDeliveriesAreCheckedAndSecretsAreNeverShownBack() {
        Bots.TestBot bot = bots.create("gh").command("/onPush", COUNTING_COMMAND);
        String secret = "It's a Secret to Everybody";
        bot.send("PATCH", "", Map.of("signature", Map.of("scheme", "github", "secret", secret))).expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/onPush"));

        http.post().uri(url).header("X-Hub-Signature-256",
                        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
                .contentType(MediaType.TEXT_PLAIN).bodyValue("Hello, World!".getBytes(StandardCharsets.UTF_8)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.answer").isEqualTo("run 1: Hello, World!");

        JsonNode shown = bot.getJson("");
        assertThat(shown.get("settings").get("signature").get("secret").asString()).isEqualTo("***");
        assertThat(shown.toString()).doesNotContain("Secret to Everybody");
        bot.send("PATCH", "", Map.of("signature", Map.of("scheme", "github", "secret", "***")))
                .expectStatus().isBadRequest();
        bot.send("PATCH", "", Map.of("signature", Map.of("scheme", "paypal", "secret", "x")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(detail ->
                        assertThat(detail.toString()).contains("standard-webhooks, stripe, github or hmac"));
        bot.send("PATCH", "", Map.of("idempotency", Map.of("json_path", "id"))).expectStatus().isBadRequest();
    }

    private WebTestClient.ResponseSpec standard(URI url, String id,
            long timestamp, String signedBody, String sentBody) {
        byte[] key = Base64.getDecoder().decode(STANDARD_SECRET.substring("whsec_".length()));
        String signature = Base64.getEncoder().encodeToString(Hmac.sign("HmacSHA256", key,
                (id + "." + timestamp + "." + signedBody).getBytes(StandardCharsets.UTF_8)));
        return http.post().uri(url).header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1,bm90IHRoaXMgb25l v1," + signature)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(sentBody.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    private WebTestClient.ResponseSpec stripe(URI url, String header,
            String body) {
        return http.post().uri(url).header("Stripe-Signature", header).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    private static String stripeHeader(long timestamp, String body) {
        byte[] mac = Hmac.sign("HmacSHA256", STRIPE_SECRET.getBytes(StandardCharsets.UTF_8),
                (timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac);
    }

    private long runs(Bots.TestBot bot) {
        return properties.find(new PropertyKey(bot.id(), null, "runs")).blockOptional()
                .map(value -> value.value().asLong()).orElse(0L);
    }

    private double rejected() {
        return meters.get("webhook.rejections").tag("reason", "invalid_provider_signature").counter().count();
    }
}
