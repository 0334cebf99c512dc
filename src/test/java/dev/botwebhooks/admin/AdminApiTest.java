package dev.botwebhooks.admin;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API contract of the README, through real HTTP. */
class AdminApiTest extends EndToEndTest {

    @Test
    void thePlatformAdminListsBotsAndReissuesALostKey() {
        Bots.TestBot first = bots.create("first");
        Bots.TestBot second = bots.create("second");

        JsonNode page = Bots.json(http.get().uri("/api/v1/bots?limit=1").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(page.get("bots").get(0).get("id").asLong()).isEqualTo(second.id());
        assertThat(page.get("bots").get(0).has("api_key")).isFalse();
        JsonNode next = Bots.json(http.get().uri("/api/v1/bots?limit=1&before=" + page.get("next_before").asLong())
                .header("Authorization", "Bearer " + ADMIN_TOKEN).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(next.get("bots").get(0).get("id").asLong()).isEqualTo(first.id());
        JsonNode own = Bots.json(http.get().uri("/api/v1/bots").header("Authorization", "Bearer " + first.apiKey())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(own.get("bots")).extracting(bot -> bot.get("id").asLong()).containsExactly(first.id());

        first.send("POST", "/api-key/rotate", Map.of()).expectStatus().isForbidden();
        JsonNode reissued = Bots.json(http.post().uri("/api/v1/bots/" + first.id() + "/api-key/rotate")
                .header("Authorization", "Bearer " + ADMIN_TOKEN).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        String newKey = reissued.get("api_key").asString();
        assertThat(newKey).startsWith("bwk_").isNotEqualTo(first.apiKey());
        http.get().uri("/api/v1/bots/" + first.id()).header("Authorization", "Bearer " + first.apiKey()).exchange()
                .expectStatus().isUnauthorized();
        http.get().uri("/api/v1/bots/" + first.id()).header("Authorization", "Bearer " + newKey).exchange()
                .expectStatus().isOk();
    }

    @Test
    void usersAreListedInPages() {
        Bots.TestBot bot = bots.create("users").user(3, Map.of("first_name", "C")).user(1, Map.of("first_name", "A"))
                .user(2, Map.of("first_name", "B"));

        JsonNode page = bot.getJson("/users?limit=2");
        assertThat(page.get("users")).extracting(user -> user.get("id").asLong()).containsExactly(1L, 2L);
        JsonNode rest = bot.getJson("/users?limit=2&after=" + page.get("next_after").asLong());
        assertThat(rest.get("users")).extracting(user -> user.get("first_name").asString()).containsExactly("C");
        assertThat(rest.get("next_after").isNull()).isTrue();
    }

    @Test
    void unknownRoutesAndMissingTokensAreProblemsThatSayWhatToDo() {
        Bots.TestBot bot = bots.create("routes");
        bot.get("/no-such-thing").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("no API route GET /api/v1/bots/" + bot.id() + "/no-such-thing; see the README's Admin API");
        http.get().uri("/api/v1/bots/" + bot.id() + "/commands//onWebhook").header("Authorization", "Bearer " + bot.apiKey())
                .exchange().expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/nothing").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer realm=\"bot-webhooks\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/bots").header("Authorization", "Bearer bwk_revoked").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate",
                        "Bearer realm=\"bot-webhooks\", error=\"invalid_token\", error_description=\"the token is not valid\"");
        http.get().uri("/nope").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.instance").isEqualTo("/nope");
    }

    @Test
    void aWebhookUrlRequestWithATypoIsRefusedAndAMissingCommandIsSaid() {
        Bots.TestBot bot = bots.create("urls").command("/pay", "Bot.sendMessage(1)").user(42, Map.of());

        bot.send("POST", "/webhook-urls", Map.of("command", "/pay", "userid", 42)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("unknown field 'userid'; known: command, content, expires_in, redirect_to, user_id");
        bot.send("POST", "/webhook-urls", Map.of("command", "/pay 7", "user_id", 42)).expectStatus().isOk()
                .expectBody().jsonPath("$.warnings").isEmpty();
        bot.send("POST", "/webhook-urls", Map.of("command", "/refund", "user_id", 42)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail")
                .isEqualTo("command /refund does not exist; save it first (POST .../commands), then make its URL");
        bot.send("POST", "/webhook-urls", Map.of("command", "/pay", "user_id", 43)).expectStatus().isOk()
                .expectBody().jsonPath("$.url").exists()
                .jsonPath("$.warnings[0]").isEqualTo("user 43 does not exist (yet): calls answer 404 until it does");
        // BB's master command answers any text, so any command's URL is one that runs.
        bot.command("*", "Bot.sendMessage('master')");
        bot.send("POST", "/webhook-urls", Map.of("command", "/refund")).expectStatus().isOk();
    }

    @Test
    void codeThatDoesNotParseIsRefusedWhenSavedNotWhenAProviderCalls() {
        Bots.TestBot bot = bots.create("syntax").command("/pay", "Bot.sendMessage('v1')");

        bot.send("POST", "/commands", Map.of("name", "/pay", "code", "if (x {\n  Bot.sendMessage(1)\n}"))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .isEqualTo("the code does not parse: SyntaxError: Unexpected token, expected \")\" (1:6)"));

        assertThat(bot.getJson("/commands/%2Fpay").get("code").asString()).isEqualTo("Bot.sendMessage('v1')");
        // A top-level return is how BB commands stop early: it parses.
        bot.send("POST", "/commands", Map.of("name", "/pay", "code", "if (!content) { return; }\nBot.sendMessage(content)"))
                .expectStatus().isOk();
    }

    @Test
    void withoutOrWithAWrongTokenEveryRouteAnswers401() {
        Bots.TestBot bot = bots.create("admin");
        http.get().uri("/api/v1/bots/" + bot.id()).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        http.get().uri("/api/v1/bots/" + bot.id()).header("Authorization", "Bearer bwk_wrong").exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/api/v1/bots").header("Authorization", "Basic abc").bodyValue(Map.of("name", "x")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aBotKeyCannotCreateBots() {
        Bots.TestBot bot = bots.create("admin");
        http.post().uri("/api/v1/bots").header("Authorization", "Bearer " + bot.apiKey())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x")).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void anotherBotsKeyGets404OnEveryRoute() {
        Bots.TestBot mine = bots.create("mine").command("/a", "1").user(1, Map.of());
        Bots.TestBot other = bots.create("other");
        Bots.TestBot intruder = new Bots.TestBot(http, baseUrl, mine.id(), other.apiKey());

        for (String path : List.of("", "/commands", "/commands/%2Fa", "/users/1", "/properties", "/calls",
                "/calls/1", "/messages")) {
            intruder.get(path).exchange().expectStatus().isNotFound();
        }
        intruder.send("PATCH", "", Map.of("name", "taken")).expectStatus().isNotFound();
        intruder.send("POST", "/commands", Map.of("name", "/b", "code", "1")).expectStatus().isNotFound();
        intruder.send("PUT", "/users/2", Map.of()).expectStatus().isNotFound();
        intruder.send("POST", "/webhook-urls", Map.of("command", "/a")).expectStatus().isNotFound();
        intruder.send("POST", "/webhook-secret/rotate", Map.of()).expectStatus().isNotFound();
        http.delete().uri("/api/v1/bots/" + mine.id()).header("Authorization", "Bearer " + other.apiKey()).exchange()
                .expectStatus().isNotFound();
        http.delete().uri(mine.api("/commands/%2Fa"))
                .header("Authorization", "Bearer " + other.apiKey()).exchange().expectStatus().isNotFound();
        assertThat(mine.getJson("").get("name").asString()).isEqualTo("mine");
    }

    @Test
    void commandsAreCreatedReplacedWithANewVersionListedAndDeleted() {
        Bots.TestBot bot = bots.create("admin");
        JsonNode first = Bots.json(bot.send("POST", "/commands", Map.of("name", "/onWebhook", "code", "1"))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        JsonNode second = Bots.json(bot.send("POST", "/commands", Map.of("name", "/onWebhook", "code", "2"))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(second.get("version").asLong()).isGreaterThan(first.get("version").asLong());

        assertThat(bot.getJson("/commands/%2FonWebhook").get("code").asString()).isEqualTo("2");
        assertThat(bot.getJson("/commands").get("commands")).hasSize(1);

        http.delete().uri(bot.api("/commands/%2FonWebhook"))
                .header("Authorization", "Bearer " + bot.apiKey()).exchange().expectStatus().isNoContent();
        bot.get("/commands/%2FonWebhook").exchange().expectStatus().isNotFound();
    }

    @Test
    void badCommandInputIsA400ThatChangesNothing() {
        Bots.TestBot bot = bots.create("admin");
        bot.send("POST", "/commands", Map.of("code", "1")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("name is required");
        bot.send("POST", "/commands", Map.of("name", "  ", "code", "1")).expectStatus().isBadRequest();
        bot.send("POST", "/commands", Map.of("name", "/a", "code", "1", "aliases", 5)).expectStatus().isBadRequest();
        bot.send("POST", "/commands", Map.of("name", "/a")).expectStatus().isBadRequest();
        bot.send("POST", "/commands", List.of(1)).expectStatus().isBadRequest();
        bot.send("POST", "/commands", "{not json").expectStatus().isBadRequest();
        assertThat(bot.getJson("/commands").get("commands")).isEmpty();
    }

    @Test
    void usersAreSavedAndRead() {
        Bots.TestBot bot = bots.create("admin").user(42, Map.of("first_name", "Ann", "username", "ann"));
        JsonNode user = bot.getJson("/users/42");
        assertThat(user.get("id").asLong()).isEqualTo(42);
        assertThat(user.get("first_name").asString()).isEqualTo("Ann");
        bot.get("/users/43").exchange().expectStatus().isNotFound();
        bot.get("/users/abc").exchange().expectStatus().isNotFound();
    }

    @Test
    void settingsArePatchedValidatedAndTheChatTokenIsNeverShown() {
        Bots.TestBot bot = bots.create("admin");
        JsonNode patched = Bots.json(bot.send("PATCH", "", Map.of(
                        "name", "renamed",
                        "rate_limit", Map.of("per_second", 50, "burst", 100),
                        "allowed_ips", List.of("203.0.113.0/24", "2001:db8::/32"),
                        "ban_exempt_ips", List.of("198.51.100.7"),
                        "telegram_token", "123456:ABCdefGHIjklMNOpqrSTUvwxYZ"))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(patched.get("name").asString()).isEqualTo("renamed");
        assertThat(patched.get("settings").get("rate_limit").get("burst").asInt()).isEqualTo(100);
        assertThat(patched.get("settings").get("telegram_token").asString()).isEqualTo("123456:***");

        bot.send("PATCH", "", Map.of("colour", "red")).expectStatus().isBadRequest();
        bot.send("PATCH", "", Map.of("allowed_ips", List.of("not an ip"))).expectStatus().isBadRequest();
        bot.send("PATCH", "", Map.of("rate_limit", Map.of("per_second", -1))).expectStatus().isBadRequest();
        assertThat(bot.getJson("").get("settings").get("allowed_ips")).hasSize(2);
    }

    @Test
    void listsAreBoundedAndRejectAnOutOfRangeLimit() {
        Bots.TestBot bot = bots.create("admin");
        bot.get("/calls?limit=0").exchange().expectStatus().isBadRequest();
        bot.get("/calls?limit=501").exchange().expectStatus().isBadRequest();
        bot.get("/messages?limit=x").exchange().expectStatus().isBadRequest();
        bot.get("/calls?limit=500").exchange().expectStatus().isOk();
    }

    @Test
    void callLogIsNewestFirstAndPagesWithBefore() {
        Bots.TestBot bot = bots.create("admin").command("/n", "Bot.sendMessage(content)");
        for (int i = 0; i < 3; i++) {
            http.get().uri(bot.localUrl(Map.of("command", "/n", "content", "call " + i))).exchange()
                    .expectStatus().isOk();
        }
        JsonNode page = bot.getJson("/calls?limit=2");
        assertThat(page.get("calls")).hasSize(2);
        assertThat(page.get("calls").get(0).get("response_body").asString()).contains("call 2");
        JsonNode next = bot.getJson("/calls?limit=2&before=" + page.get("next_before").asLong());
        assertThat(next.get("calls")).hasSize(1);
        assertThat(next.get("calls").get(0).get("response_body").asString()).contains("call 0");
        assertThat(next.get("next_before").isNull()).isTrue();
    }
}
