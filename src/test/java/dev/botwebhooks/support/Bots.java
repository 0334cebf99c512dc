package dev.botwebhooks.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Makes bots through the admin API, as a user would, and deletes them when the test ends. */
public final class Bots {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient http;
    private final String baseUrl;
    private final List<TestBot> created = new ArrayList<>();

    public Bots(WebTestClient http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    public TestBot create(String name) {
        JsonNode body = json(http.post().uri("/api/v1/bots")
                .header("Authorization", "Bearer " + EndToEndTest.ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        TestBot bot = new TestBot(http, baseUrl, body.get("id").asLong(), body.get("api_key").asString());
        created.add(bot);
        return bot;
    }

    public void deleteAll() {
        for (TestBot bot : created) {
            http.delete().uri("/api/v1/bots/" + bot.id())
                    .header("Authorization", "Bearer " + EndToEndTest.ADMIN_TOKEN)
                    .exchange().expectStatus().isNoContent();
        }
        created.clear();
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** One bot of a test, driven through its own API key. */
    public record TestBot(WebTestClient http, String baseUrl, long id, String apiKey) {

        public WebTestClient.RequestHeadersSpec<?> get(String path) {
            return http.get().uri(api(path)).header("Authorization", "Bearer " + apiKey);
        }

        public JsonNode getJson(String path) {
            return json(get(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                    .getResponseBody());
        }

        public WebTestClient.ResponseSpec send(String method, String path, Object body) {
            return http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(api(path))
                    .header("Authorization", "Bearer " + apiKey)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        }

        /** An absolute URI, so that an encoded segment such as {@code %2FonWebhook} is sent as written. */
        public URI api(String path) {
            return URI.create(baseUrl + "/api/v1/bots/" + id + path);
        }

        public TestBot command(String name, String code) {
            send("POST", "/commands", Map.of("name", name, "code", code)).expectStatus().isOk();
            return this;
        }

        /** Gives the bot a chat token of the JVM's FakeTelegram; its messages are then sent there. */
        public String chatToken() {
            String token = FakeTelegram.newToken();
            send("PATCH", "", Map.of("telegram_token", token)).expectStatus().isOk();
            return token;
        }

        public TestBot user(long userId, Map<String, Object> profile) {
            send("PUT", "/users/" + userId, profile).expectStatus().isOk();
            return this;
        }

        /** A webhook URL from the admin API, as path and query to call on the test server. */
        public URI url(Map<String, Object> request) {
            JsonNode body = json(send("POST", "/webhook-urls", request).expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody());
            String url = body.get("url").asString();
            assertThat(url).startsWith("http://localhost:8080/v1/bots/" + id + "/new-webhook?");
            return URI.create(url);
        }

        /** The generated URL on the test server (the public base URL is the default localhost:8080). */
        public URI local(URI generated) {
            return URI.create(baseUrl + generated.getRawPath() + "?" + generated.getRawQuery());
        }

        /** Makes a URL and points it at the test server. */
        public URI localUrl(Map<String, Object> request) {
            return local(url(request));
        }
    }
}
