package dev.botwebhooks.webhook;



import dev.botwebhooks.url.WebhookUrls;
import dev.botwebhooks.url.WebhookUrlRequest;
import dev.botwebhooks.bot.BotRepository;
import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The URL rules: signature over every parameter, expiry, methods, malformed input. */
class WebhookUrlRulesTest extends EndToEndTest {

    private static final String NOT_FOUND = "{\"error\":\"not found\"}";

    @Autowired
    WebhookUrls urls;
    @Autowired
    BotRepository botRepository;

    @ParameterizedTest
    @ValueSource(strings = {"command", "user_id", "content", "redirect_to", "exp", "sig"})
    void tamperingWithAnyParameterAnswers404(String parameter) {
        Bots.TestBot bot = bots.create("rules").user(1, Map.of()).user(2, Map.of())
                .command("/pay", "Bot.sendMessage('paid')").command("/refund", "Bot.sendMessage('refunded')");
        URI url = bot.localUrl(Map.of("command", "/pay", "user_id", 1, "content", "10",
                "redirect_to", "https://example.com/a", "expires_in", 3600));
        http.get().uri(url).exchange().expectStatus().isFound();

        String replacement = switch (parameter) {
            case "command" -> "%2Frefund";
            case "user_id" -> "2";
            case "content" -> "1000";
            case "redirect_to" -> "https%3A%2F%2Fevil.example%2Fa";
            case "exp" -> Long.toString(Instant.now().getEpochSecond() + 999_999);
            default -> "AAAA" + url.getRawQuery().substring(url.getRawQuery().indexOf("sig=") + 8);
        };
        URI tampered = URI.create(url.toString().replaceAll("([?&]" + parameter + "=)[^&]*", "$1" + replacement));
        assertThat(tampered).isNotEqualTo(url);

        http.get().uri(tampered).exchange().expectStatus().isNotFound().expectBody().json(NOT_FOUND, true);
    }

    @Test
    void droppingOrAddingASignedParameterAnswers404() {
        Bots.TestBot bot = bots.create("rules").command("/pay", "Bot.sendMessage('paid')");
        URI url = bot.localUrl(Map.of("command", "/pay", "content", "10"));

        http.get().uri(URI.create(url.toString().replaceAll("&content=10", ""))).exchange().expectStatus().isNotFound();
        http.get().uri(URI.create(url + "&user_id=1")).exchange().expectStatus().isNotFound();
        http.get().uri(URI.create(url.toString().replaceAll("&sig=[^&]*", ""))).exchange().expectStatus().isNotFound();
    }

    @Test
    void unknownBotAnswersTheSame404AsABadSignature() {
        Bots.TestBot bot = bots.create("rules").command("/pay", "Bot.sendMessage('paid')");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        URI otherBot = URI.create(url.toString().replace("/bots/" + bot.id() + "/", "/bots/999999999/"));
        URI notANumber = URI.create(url.toString().replace("/bots/" + bot.id() + "/", "/bots/abc/"));

        http.get().uri(otherBot).exchange().expectStatus().isNotFound().expectBody().json(NOT_FOUND, true);
        http.get().uri(notANumber).exchange().expectStatus().isNotFound().expectBody().json(NOT_FOUND, true);
    }

    @Test
    void expiredUrlAnswers410AndUnexpiredRuns() {
        Bots.TestBot bot = bots.create("rules").command("/pay", "Bot.sendMessage('paid')");
        var stored = botRepository.findById(bot.id()).block();
        String expired = urls.urlFor(stored, new WebhookUrlRequest("/pay", null, null, null, 60L),
                Instant.now().minusSeconds(61));
        String fresh = urls.urlFor(stored, new WebhookUrlRequest("/pay", null, null, null, 60L));

        http.get().uri(bot.local(URI.create(expired))).exchange().expectStatus().isEqualTo(410);
        http.get().uri(bot.local(URI.create(fresh))).exchange().expectStatus().isOk();
    }

    @Test
    void otherMethodsAnswer405WithAllow() {
        Bots.TestBot bot = bots.create("rules").command("/pay", "Bot.setProp('ran', true)");
        URI url = bot.localUrl(Map.of("command", "/pay"));

        http.put().uri(url).bodyValue("x").exchange()
                .expectStatus().isEqualTo(405).expectHeader().valueEquals("Allow", "GET, POST, HEAD");
        http.delete().uri(url).exchange().expectStatus().isEqualTo(405);
        // HEAD is answered like a link preview (LinkPreviewTest): 200, nothing run.
        http.head().uri(url).exchange().expectStatus().isOk();
        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
    }

    @Test
    void rotatingTheSecretKillsEveryOldUrl() {
        Bots.TestBot bot = bots.create("rules").command("/pay", "Bot.sendMessage('paid')");
        URI old = bot.localUrl(Map.of("command", "/pay"));
        http.get().uri(old).exchange().expectStatus().isOk();

        bot.send("POST", "/webhook-secret/rotate", Map.of()).expectStatus().isNoContent();

        http.get().uri(old).exchange().expectStatus().isNotFound();
        http.get().uri(bot.localUrl(Map.of("command", "/pay"))).exchange().expectStatus().isOk();
    }

    @Test
    void malformedRequestsAnswer400() {
        Bots.TestBot bot = bots.create("rules").command("/pay", "Bot.sendMessage('paid')");
        URI url = bot.localUrl(Map.of("command", "/pay"));

        http.get().uri(URI.create(url + "&command=%2Fpay")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("parameter command is given more than once");
    }

    @Test
    void bodyOverTheLimitAnswers413AndRunsNothing() {
        Bots.TestBot bot = bots.create("rules").command("/pay", "Bot.setProp('ran', true)");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        byte[] tooLarge = new byte[1024 * 1024 + 1];

        http.post().uri(url).contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(tooLarge).exchange()
                .expectStatus().isEqualTo(413);
        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
        http.post().uri(url).bodyValue(new byte[1024 * 1024]).exchange().expectStatus().isOk();
    }

    @Test
    void unknownCommandAndUnknownUserAnswer404AndAreLogged() {
        Bots.TestBot bot = bots.create("rules").command("/pay", "Bot.sendMessage('paid')");

        // A URL is made only for a command that exists: this one is deleted after.
        URI deleted = bot.command("/nope", "Bot.sendMessage('gone')").localUrl(Map.of("command", "/nope"));
        bot.send("DELETE", "/commands/%2Fnope", Map.of()).expectStatus().isNoContent();
        http.get().uri(deleted).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("unknown command /nope");
        http.get().uri(bot.localUrl(Map.of("command", "/pay", "user_id", 77))).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("unknown user 77");
        assertThat(bot.getJson("/calls").get("calls")).hasSize(2);
    }

    @Test
    void invalidUrlRequestsAreRefusedWithAClearError() {
        Bots.TestBot bot = bots.create("rules");
        bot.send("POST", "/webhook-urls", Map.of("content", "x")).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("command is required");
        bot.send("POST", "/webhook-urls", Map.of("command", "/a", "redirect_to", "javascript:alert(1)"))
                .expectStatus().isBadRequest();
        bot.send("POST", "/webhook-urls", Map.of("command", "/a", "expires_in", 0)).expectStatus().isBadRequest();
        bot.send("POST", "/webhook-urls", Map.of("command", "/a", "content", "x".repeat(2049)))
                .expectStatus().isBadRequest();
    }
}
