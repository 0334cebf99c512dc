package dev.botwebhooks.webhook;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a command sees: content, options, params, message, user, chat, bot, request. */
class WebhookContextTest extends EndToEndTest {

    private static final String ECHO_CONTEXT = """
            Bot.sendMessage(JSON.stringify({content, options, params, message, user, chat, bot, request}))
            """;

    @Test
    void postBodyIsTheContentByteForByteAndItsJsonFieldsJoinTheQueryParams() {
        Bots.TestBot bot = bots.create("ctx").command("/onPay", ECHO_CONTEXT);
        URI url = URI.create(bot.localUrl(Map.of("command", "/onPay 42 extra")) + "&order=A%2B1&tag=x&tag=y");
        String body = "{\"amount\": 10.50,  \"currency\":\"€\", \"nested\": {\"a\": [1]}}\n";

        JsonNode seen = answer(http.post().uri(url)
                .header("X-Hub-Signature-256", "sha256=abc").header("user-agent", "PayCo/1.0")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(seen.get("content").asString()).isEqualTo(body);
        assertThat(seen.get("message").asString()).isEqualTo("/onPay 42 extra");
        assertThat(seen.get("params").asString()).isEqualTo("42 extra");
        JsonNode options = seen.get("options");
        assertThat(options.get("method").asString()).isEqualTo("POST");
        assertThat(options.get("url").asString()).startsWith("http://localhost:8080/v1/bots/" + bot.id() + "/new-webhook?");
        assertThat(options.get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(options.get("headers").get("X-Hub-Signature-256").asString()).isEqualTo("sha256=abc");
        assertThat(options.get("headers").get("User-Agent").asString()).isEqualTo("PayCo/1.0");
        JsonNode params = options.get("params");
        assertThat(params.get("order").asString()).isEqualTo("A+1");
        assertThat(params.get("tag").get(1).asString()).isEqualTo("y");
        assertThat(params.get("amount").asDouble()).isEqualTo(10.5);
        assertThat(params.get("nested").get("a").get(0).asInt()).isEqualTo(1);
        assertThat(params.has("command")).isFalse();
        assertThat(params.has("sig")).isFalse();
        assertThat(seen.get("user").isNull()).isTrue();
        // No Telegram update started the run, but BB's code reads request.data without checking for a request.
        assertThat(seen.get("request").toString()).isEqualTo("{}");
        assertThat(seen.get("bot").get("id").asLong()).isEqualTo(bot.id());
        assertThat(seen.get("bot").get("name").asString()).isEqualTo("ctx");
    }

    @Test
    void optionsSignedHoldsWhatTheSignatureCoversAndParamsWhatACallerAddedUnsigned() {
        Bots.TestBot bot = bots.create("signed").command("/onPay", ECHO_CONTEXT);
        URI url = URI.create(bot.localUrl(Map.of("command", "/onPay", "content", "order 7")) + "&status=paid");

        JsonNode options = answer(http.get().uri(url)).get("options");

        assertThat(options.get("signed").get("command").asString()).isEqualTo("/onPay");
        assertThat(options.get("signed").get("content").asString()).isEqualTo("order 7");
        assertThat(options.get("signed").has("status")).isFalse();
        assertThat(options.get("params").get("status").asString()).isEqualTo("paid");
        assertThat(options.get("params").has("content")).isFalse();
    }

    @Test
    void formBodyFieldsJoinTheParams() {
        Bots.TestBot bot = bots.create("ctx").command("/onPay", ECHO_CONTEXT);
        JsonNode seen = answer(http.post().uri(bot.localUrl(Map.of("command", "/onPay")))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("status=paid&note=a+b%26c"));

        assertThat(seen.get("options").get("params").get("status").asString()).isEqualTo("paid");
        assertThat(seen.get("options").get("params").get("note").asString()).isEqualTo("a b&c");
        assertThat(seen.get("content").asString()).isEqualTo("status=paid&note=a+b%26c");
    }

    @Test
    void getAndEmptyPostTakeTheUrlsContent() {
        Bots.TestBot bot = bots.create("ctx").user(5, Map.of("first_name", "Bo", "telegramid", 55))
                .command("/onWebhook", ECHO_CONTEXT);
        URI url = bot.localUrl(Map.of("command", "/onWebhook", "content", "a&b=c + d/é", "user_id", 5));

        JsonNode viaGet = answer(http.get().uri(url));
        assertThat(viaGet.get("content").asString()).isEqualTo("a&b=c + d/é");
        assertThat(viaGet.get("user").get("id").asLong()).isEqualTo(5);
        assertThat(viaGet.get("user").get("first_name").asString()).isEqualTo("Bo");
        assertThat(viaGet.get("chat").get("chatid").asString()).isEqualTo("55");
        assertThat(viaGet.get("options").get("method").asString()).isEqualTo("GET");

        JsonNode viaEmptyPost = answer(http.post().uri(url));
        assertThat(viaEmptyPost.get("content").asString()).isEqualTo("a&b=c + d/é");
    }

    @Test
    void webAppRenderAnswersWithTheScriptsStatusTypeHeadersAndBody() {
        Bots.TestBot bot = bots.create("ctx").command("/onPay",
                "WebApp.render({content: 'ok', mime_type: 'text/plain', status: 202, headers: {'X-Handled-By': 'bot'}})");

        http.post().uri(bot.localUrl(Map.of("command", "/onPay"))).bodyValue("x").exchange()
                .expectStatus().isEqualTo(202)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectHeader().valueEquals("X-Handled-By", "bot")
                .expectBody(String.class).isEqualTo("ok");
    }

    @Test
    void libsWebhooksMakesUrlsThatWork() {
        Bots.TestBot bot = bots.create("ctx").user(9, Map.of())
                .command("/make", """
                        Bot.sendMessage(JSON.stringify({
                          user: Libs.Webhooks.getUrlFor({command: "/hello", content: "hi"}),
                          global: Libs.Webhooks.getGlobalUrl({command: "/hello", content: {a: 1}})
                        }))
                        """)
                .command("/hello", "Bot.sendMessage((user ? user.id : 'global') + ' ' + content)");
        JsonNode urls = answer(http.get().uri(bot.localUrl(Map.of("command", "/make", "user_id", 9))));

        http.get().uri(bot.local(URI.create(urls.get("user").asString()))).exchange()
                .expectStatus().isOk().expectBody().json("{\"answer\": \"9 hi\"}");
        http.get().uri(bot.local(URI.create(urls.get("global").asString()))).exchange()
                .expectStatus().isOk().expectBody().json("{\"answer\": \"global {\\\"a\\\":1}\"}");
    }

    private JsonNode answer(org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> request) {
        String body = request.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return Bots.json(Bots.json(body).get("answer").asString());
    }
}
