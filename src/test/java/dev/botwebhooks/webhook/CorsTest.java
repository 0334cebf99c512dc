package dev.botwebhooks.webhook;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A web page calling a webhook with fetch: preflights answered from the bot's cors setting, CORS headers on every answer. */
class CorsTest extends EndToEndTest {

    private static final String SHOP = "https://shop.example";
    private static final String EVIL = "https://evil.example";
    private static final String COUNT_RUNS = "Bot.setProp('runs', Bot.getProp('runs', 0) + 1, 'integer')";

    private Bots.TestBot shopBot(Map<String, Object> cors) {
        Bots.TestBot bot = bots.create("cors").command("/pay", COUNT_RUNS);
        bot.send("PATCH", "", Map.of("cors", cors)).expectStatus().isOk();
        return bot;
    }

    private WebTestClient.ResponseSpec preflight(URI url, String origin, String method, String headers) {
        WebTestClient.RequestHeadersSpec<?> request = http.options().uri(url)
                .header(HttpHeaders.ORIGIN, origin).header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method);
        if (headers != null) {
            request = request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, headers);
        }
        return request.exchange();
    }

    @Test
    void anAllowedOriginsPreflightIsAnsweredAndRunsNothing() {
        Bots.TestBot bot = shopBot(Map.of("allowed_origins", List.of(SHOP), "allowed_headers", List.of("Content-Type", "X-Order"),
                "max_age", 600));
        URI url = bot.localUrl(Map.of("command", "/pay"));

        preflight(url, SHOP, "POST", "content-type, x-order").expectStatus().isNoContent()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SHOP)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST")
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "content-type, x-order")
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);

        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
        assertThat(bot.getJson("/calls").get("calls")).isEmpty();
    }

    @Test
    void theRealAnswerCarriesTheOriginOnlyForAnAllowedOne() {
        Bots.TestBot bot = shopBot(Map.of("allowed_origins", List.of(SHOP)));
        URI url = bot.localUrl(Map.of("command", "/pay"));

        http.post().uri(url).header(HttpHeaders.ORIGIN, SHOP).bodyValue("{}").exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SHOP)
                .expectHeader().valueEquals(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        // A simple request from another page still reaches the service, as any server-to-server call does;
        // without CORS headers the browser keeps its answer from that page.
        http.post().uri(url).header(HttpHeaders.ORIGIN, EVIL).bodyValue("{}").exchange().expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().valueEquals(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }

    @Test
    void aDisallowedOriginMethodOrHeaderNeverGetsPastItsPreflight() {
        Bots.TestBot bot = shopBot(Map.of("allowed_origins", List.of(SHOP), "allowed_headers", List.of("Content-Type")));
        URI url = bot.localUrl(Map.of("command", "/pay"));
        double refusedBefore = rejections("cors_refused");

        for (WebTestClient.ResponseSpec refused : List.of(
                preflight(url, EVIL, "POST", "content-type"),
                preflight(url, SHOP, "PUT", null),
                preflight(url, SHOP, "POST", "content-type, x-secret"))) {
            refused.expectStatus().isForbidden()
                    .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                    .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS);
        }
        assertThat(rejections("cors_refused")).isEqualTo(refusedBefore + 3);
        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
    }

    @Test
    void aBotWithoutTheSettingAllowsNoPreflight() {
        Bots.TestBot bot = bots.create("no-cors").command("/pay", COUNT_RUNS);
        URI url = bot.localUrl(Map.of("command", "/pay"));

        preflight(url, SHOP, "POST", "content-type").expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        http.post().uri(url).header(HttpHeaders.ORIGIN, SHOP).bodyValue("{}").exchange().expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().doesNotExist(HttpHeaders.VARY);
    }

    @Test
    void aWildcardAllowsEveryOriginWithoutCredentials() {
        Bots.TestBot bot = shopBot(Map.of("allowed_origins", List.of("*")));
        URI url = bot.localUrl(Map.of("command", "/pay"));

        preflight(url, EVIL, "GET", null).expectStatus().isNoContent()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        http.get().uri(url).header(HttpHeaders.ORIGIN, EVIL).exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }

    @Test
    void credentialsEchoTheOriginAndAreRefusedWithAWildcard() {
        Bots.TestBot bot = shopBot(Map.of("allowed_origins", List.of(SHOP), "allow_credentials", true));
        URI url = bot.localUrl(Map.of("command", "/pay"));

        preflight(url, SHOP, "POST", null).expectStatus().isNoContent()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SHOP)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        bot.send("PATCH", "", Map.of("cors", Map.of("allowed_origins", List.of("*"), "allow_credentials", true)))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("cannot be *"));
    }

    @Test
    void aBadSignatureGets404AndNoCorsHeaders() {
        Bots.TestBot bot = shopBot(Map.of("allowed_origins", List.of("*")));
        URI url = bot.localUrl(Map.of("command", "/pay", "content", "1"));
        URI tampered = URI.create(url.toString().replace("content=1", "content=2"));

        preflight(tampered, SHOP, "POST", null).expectStatus().isNotFound()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        http.post().uri(tampered).header(HttpHeaders.ORIGIN, SHOP).bodyValue("{}").exchange().expectStatus().isNotFound()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void redirectsAndErrorAnswersCarryTheHeadersToo() {
        Bots.TestBot bot = shopBot(Map.of("allowed_origins", List.of(SHOP))).command("/fail", "throw new Error('no stock')");
        URI redirect = bot.localUrl(Map.of("command", "/pay", "redirect_to", "https://shop.example/thanks"));
        URI failing = bot.localUrl(Map.of("command", "/fail"));
        // A URL is made only for a command that exists: /nope is deleted after, so its call answers 404.
        URI unknown = bot.command("/nope", "Bot.sendMessage('gone')").localUrl(Map.of("command", "/nope"));
        bot.send("DELETE", "/commands/%2Fnope", Map.of()).expectStatus().isNoContent();

        http.get().uri(redirect).header(HttpHeaders.ORIGIN, SHOP).exchange().expectStatus().isFound()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SHOP);
        http.get().uri(failing).header(HttpHeaders.ORIGIN, SHOP).exchange().expectStatus().is5xxServerError()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SHOP);
        http.get().uri(unknown).header(HttpHeaders.ORIGIN, SHOP).exchange().expectStatus().isNotFound()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SHOP);
    }

    @Test
    void aPreflightDoesNotSpendTheRateLimit() {
        Bots.TestBot bot = shopBot(Map.of("allowed_origins", List.of(SHOP)));
        bot.send("PATCH", "", Map.of("rate_limit", Map.of("per_second", 0.001, "burst", 1))).expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/pay"));

        for (int i = 0; i < 3; i++) {
            preflight(url, SHOP, "POST", null).expectStatus().isNoContent();
        }
        http.post().uri(url).header(HttpHeaders.ORIGIN, SHOP).bodyValue("{}").exchange().expectStatus().isOk();
        http.post().uri(url).header(HttpHeaders.ORIGIN, SHOP).bodyValue("{}").exchange().expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SHOP);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"allowed_origins\": []}",
            "{\"allowed_origins\": [\"https://shop.example/path\"]}",
            "{\"allowed_origins\": [\"shop.example\"]}",
            "{\"allowed_origins\": [\"https://a.example\"], \"allowed_headers\": [\"bad header\"]}",
            "{\"allowed_origins\": [\"https://a.example\"], \"max_age\": 86401}",
            "{\"allowed_origins\": [\"https://a.example\"], \"max_age\": -1}",
            "{\"allowed_origins\": [\"https://a.example\"], \"allow_credentials\": \"yes\"}",
            "{\"allowed_origins\": [\"https://a.example\"], \"methods\": [\"PUT\"]}",
            "[\"https://a.example\"]"})
    void anInvalidSettingIsA400ThatChangesNothing(String cors) {
        Bots.TestBot bot = bots.create("bad-cors");
        bot.send("PATCH", "", Map.of("cors", Bots.json(cors))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("cors"));
        assertThat(bot.getJson("").get("settings").get("cors")).isNull();
    }

    @Test
    void moreOriginsThanTheBoundAreA400() {
        Bots.TestBot bot = bots.create("many-origins");
        List<String> origins = java.util.stream.IntStream.rangeClosed(0, 100).mapToObj(i -> "https://o" + i + ".example").toList();
        bot.send("PATCH", "", Map.of("cors", Map.of("allowed_origins", origins))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("at most 100"));
        bot.send("PATCH", "", Map.of("cors", Map.of("allowed_origins", origins.subList(0, 100)))).expectStatus().isOk();
    }

    @Test
    void anOptionsRequestThatIsNoPreflightIsStill405() {
        Bots.TestBot bot = shopBot(Map.of("allowed_origins", List.of(SHOP)));
        URI url = bot.localUrl(Map.of("command", "/pay"));
        http.method(HttpMethod.OPTIONS).uri(url).exchange().expectStatus().isEqualTo(405);
    }
}
