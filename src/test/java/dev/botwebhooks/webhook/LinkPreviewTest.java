package dev.botwebhooks.webhook;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A webhook URL pasted in a chat: the chat app's preview fetch gets a page and runs nothing; a person's click runs. */
class LinkPreviewTest extends EndToEndTest {

    private static final String COUNT_RUNS = "Bot.setProp('runs', Bot.getProp('runs', 0) + 1, 'integer')";

    @ParameterizedTest
    @ValueSource(strings = {
            "TelegramBot (like TwitterBot)",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "Slack-ImgProxy (+https://api.slack.com/robots)",
            "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
            "WhatsApp/2.23.20.0 A",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Twitterbot/1.0",
            "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
            "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
            "Mozilla/5.0 (compatible; vkShare; +http://vk.com/dev/Share)",
            "http.rb/5.1.1 (Mastodon/4.2.0; +https://mastodon.social/)",
            "Facebot",
            "Viber/18.0",
            "Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)",
            "Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)",
            "Iframely/1.3.1 (+https://iframely.com/docs/about)"})
    void aPreviewFetcherGetsAPageAndTheCommandDoesNotRun(String userAgent) {
        Bots.TestBot bot = bots.create("Shop <b>").command("/confirm", COUNT_RUNS);
        URI url = bot.localUrl(Map.of("command", "/confirm", "content", "order 7"));
        double previewsBefore = rejections("link_preview");

        String page = http.get().uri(url).header(HttpHeaders.USER_AGENT, userAgent).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/html")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).contains("<meta property=\"og:title\" content=\"Webhook of Shop &lt;b&gt;\">")
                .contains("Opening this link runs /confirm");
        assertThat(bot.getJson("/properties").get("properties")).as("the command did not run").isEmpty();
        assertThat(rejections("link_preview")).isEqualTo(previewsBefore + 1);
        JsonNode call = bot.getJson("/calls").get("calls").get(0);
        assertThat(call.get("origin").asString()).isEqualTo("link_preview");
        assertThat(call.get("command").asString()).isEqualTo("/confirm");
        assertThat(call.get("status").asInt()).isEqualTo(200);
        assertThat(call.get("request_headers").get("User-Agent").asString()).isEqualTo(userAgent);
    }

    @Test
    void aHeadRequestGetsTheHeadersOfThePageAndRunsNothing() {
        Bots.TestBot bot = bots.create("head").command("/confirm", COUNT_RUNS);
        URI url = bot.localUrl(Map.of("command", "/confirm"));

        http.head().uri(url).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/html")
                .expectBody().isEmpty();

        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
        assertThat(bot.getJson("/calls").get("calls").get(0).get("method").asString()).isEqualTo("HEAD");
    }

    @Test
    void aBrowserRunsTheCommand() {
        Bots.TestBot bot = bots.create("browser").command("/confirm", COUNT_RUNS);
        URI url = bot.localUrl(Map.of("command", "/confirm"));

        http.get().uri(url).header(HttpHeaders.USER_AGENT,
                        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36")
                .exchange().expectStatus().isOk();

        assertThat(bot.getJson("/properties").get("properties").get(0).get("value").asInt()).isEqualTo(1);
        assertThat(bot.getJson("/calls").get("calls").get(0).get("origin").asString()).isEqualTo("webhook");
    }

    @Test
    void aBotThatTurnedPreviewsOffRunsThemButNotHeadRequests() {
        Bots.TestBot bot = bots.create("every-get-runs").command("/confirm", COUNT_RUNS);
        bot.send("PATCH", "", Map.of("link_previews", "run")).expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/confirm"));

        http.get().uri(url).header(HttpHeaders.USER_AGENT, "TelegramBot (like TwitterBot)").exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith("application/json");
        http.head().uri(url).exchange().expectStatus().isOk();

        assertThat(bot.getJson("/properties").get("properties").get(0).get("value").asInt()).isEqualTo(1);
    }

    @Test
    void aPreviewOfATamperedUrlIsTheUsual404() {
        Bots.TestBot bot = bots.create("tampered").command("/confirm", COUNT_RUNS);
        URI url = bot.localUrl(Map.of("command", "/confirm", "content", "1"));
        URI tampered = URI.create(url.toString().replace("content=1", "content=2"));

        http.get().uri(tampered).header(HttpHeaders.USER_AGENT, "TelegramBot (like TwitterBot)").exchange()
                .expectStatus().isNotFound();
        assertThat(bot.getJson("/calls").get("calls")).isEmpty();
    }

    @Test
    void previewsDoNotSpendTheRateLimit() {
        Bots.TestBot bot = bots.create("limited").command("/confirm", COUNT_RUNS);
        bot.send("PATCH", "", Map.of("rate_limit", Map.of("per_second", 0.001, "burst", 1))).expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/confirm"));

        for (int i = 0; i < 3; i++) {
            http.get().uri(url).header(HttpHeaders.USER_AGENT, "Discordbot/2.0").exchange().expectStatus().isOk();
        }
        http.get().uri(url).exchange().expectStatus().isOk();
        http.get().uri(url).exchange().expectStatus().isEqualTo(429);
    }

    @Test
    void anInvalidSettingIsA400ThatChangesNothing() {
        Bots.TestBot bot = bots.create("bad-setting");
        bot.send("PATCH", "", Map.of("link_previews", "sometimes")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("link_previews"));
    }
}
