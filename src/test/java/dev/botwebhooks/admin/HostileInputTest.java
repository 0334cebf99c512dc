package dev.botwebhooks.admin;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Input PostgreSQL or Spring cannot take is the caller's error: a 4xx problem that says why, never a 5xx. */
class HostileInputTest extends EndToEndTest {

    @Test
    void aNulCharacterInAnyJsonTextIs400() {
        Bots.TestBot bot = bots.create("nul");
        bot.send("POST", "/commands", Map.of("name", "/a\u0000", "code", "1")).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> ((String) detail).contains("NUL"));
        bot.send("POST", "/commands", Map.of("name", "/a", "code", "Bot.sendMessage('\u0000')")).expectStatus()
                .isBadRequest();
        bot.send("PUT", "/users/7", Map.of("first_name", "A\u0000nn")).expectStatus().isBadRequest();
        bot.send("PUT", "/users/7", Map.of("nested", Map.of("k\u0000", 1))).expectStatus().isBadRequest();
        http.post().uri("/api/v1/bots").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .bodyValue(Map.of("name", "x\u0000")).exchange().expectStatus().isBadRequest();
    }

    @Test
    void aNulCharacterInAQueryParameterOrPathIs400() {
        Bots.TestBot bot = bots.create("nul-query");
        bot.get("/calls?command=%00").exchange().expectStatus().isBadRequest();
        http.get().uri(URI.create(baseUrl + "/api/v1/bots/" + bot.id() + "/commands/%2Fa%00"))
                .header("Authorization", "Bearer " + bot.apiKey()).exchange().expectStatus().isBadRequest();
    }

    @Test
    void instantsPostgreSqlCannotHoldAre400() {
        Bots.TestBot bot = bots.create("dates");
        bot.get("/calls?from=%2B999999999-12-31T23:59:59Z").exchange().expectStatus().isBadRequest();
        bot.get("/calls?to=-999999999-01-01T00:00:00Z").exchange().expectStatus().isBadRequest();
        bot.get("/calls?from=2026-01-01T00:00:00Z").exchange().expectStatus().isOk();
    }

    @Test
    void aMalformedContentTypeIs415ForAnAuthenticatedCallerAnd401ForAnyOther() throws Exception {
        for (String contentType : new String[] {";;;", "application/"}) {
            assertThat(post("/api/v1/bots", contentType, null).statusCode()).isEqualTo(401);
            HttpResponse<String> refused = post("/api/v1/bots", contentType, ADMIN_TOKEN);
            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void aWebhookWithAMalformedContentTypeRunsWithItsBodyAsRawContent() throws Exception {
        Bots.TestBot bot = bots.create("raw").command("/echo", "Bot.sendMessage(content)");
        URI url = bot.localUrl(Map.of("command", "/echo"));
        HttpResponse<String> answer = post(url.getRawPath() + "?" + url.getRawQuery(), ";;;", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"answer\":\"a=1\"}");
    }

    @Test
    void aScriptStoringANulCharacterFailsWithAJavaScriptErrorAndItsCallIsLogged() {
        Bots.TestBot bot = bots.create("nul-script").command("/echo", "Bot.sendMessage(content)")
                .command("/keep", "Bot.setProp('last', content, 'string')").user(42, Map.of("first_name", "Ann"));
        // With a user, so that the message is stored in the user's chat.
        for (String command : new String[] {"/echo", "/keep"}) {
            http.post().uri(bot.localUrl(Map.of("command", command, "user_id", 42))).bodyValue("a\u0000b").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.error").value(error -> assertThat((String) error)
                            .startsWith("TypeError").contains("NUL"))
                    .jsonPath("$.call_id").isNumber();
        }
        assertThat(bot.getJson("/calls").get("calls")).hasSize(2);
    }

    @Test
    void errorsNameJavaScriptTypesNotJavaClasses() {
        Bots.TestBot bot = bots.create("cyclic")
                .command("/keep", "let a = []; a.push(a); Bot.setProp('c', a, 'json')")
                .command("/show", "let o = {}; o.self = o; JSON.stringify(o)");
        for (String command : new String[] {"/keep", "/show"}) {
            http.get().uri(bot.localUrl(Map.of("command", command))).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.error").value(error -> assertThat((String) error)
                            .startsWith("TypeError: Cyclic").doesNotContain("org.mozilla"));
        }
        assertThat(bot.getJson("/calls").get("calls").get(0).get("error").asString()).doesNotContain("org.mozilla");
    }

    /** Through the JDK's client: Spring's refuses to send a malformed Content-Type. */
    private HttpResponse<String> post(String pathAndQuery, String contentType, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(
                        pathAndQuery.startsWith("/api") ? "{\"name\":\"x\"}" : "a=1"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
