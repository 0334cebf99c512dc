package dev.botwebhooks.admin;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.crypto.Hmac;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The call log: running a stored request again, and filtering the list. */
class CallReplayTest extends EndToEndTest {

    private static final String ECHO = """
            let runs = Bot.getProp("runs", 0) + 1
            Bot.setProp("runs", runs, "integer")
            if (options.params.fail) throw new Error("asked to fail")
            Bot.sendMessage([runs, content, options.method, options.params.order, options.params.amount,
                options.headers["X-Hub-Signature-256"]].join("|"))
            """;

    @Test
    void replayRunsTheStoredRequestAgainAsANewLinkedCall() {
        Bots.TestBot bot = bots.create("replay").command("/onPay", ECHO);
        bot.send("PATCH", "", Map.of("signature", Map.of("scheme", "github", "secret", "s3cret"))).expectStatus().isOk();
        URI url = URI.create(bot.localUrl(Map.of("command", "/onPay")) + "&order=A%2B1");
        String body = "{\"amount\": 7}";
        http.post().uri(url).header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(
                        Hmac.sign("HmacSHA256", "s3cret".getBytes(StandardCharsets.UTF_8),
                                body.getBytes(StandardCharsets.UTF_8))))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange()
                .expectStatus().isOk();
        long original = bot.getJson("/calls").get("calls").get(0).get("id").asLong();

        JsonNode replay = Bots.json(bot.send("POST", "/calls/" + original + "/replay", Map.of()).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(replay.get("status").asInt()).isEqualTo(200);
        String expected = "2|" + body + "|POST|A+1|7|sha256=";
        assertThat(Bots.json(replay.get("body").asString()).get("answer").asString()).startsWith(expected);
        long replayed = replay.get("call_id").asLong();
        assertThat(replayed).isGreaterThan(original);
        JsonNode call = bot.getJson("/calls/" + replayed);
        assertThat(call.get("replay_of").asLong()).isEqualTo(original);
        assertThat(call.get("request_body").asString()).isEqualTo(body);
        assertThat(bot.getJson("/calls/" + original).get("replay_of").isNull()).isTrue();
    }

    @Test
    void replayOfAnotherBotsCallIsNotFound() {
        Bots.TestBot mine = bots.create("mine").command("/a", ECHO);
        Bots.TestBot theirs = bots.create("theirs").command("/a", ECHO);
        http.get().uri(theirs.localUrl(Map.of("command", "/a"))).exchange().expectStatus().isOk();
        long call = theirs.getJson("/calls").get("calls").get(0).get("id").asLong();

        mine.send("POST", "/calls/" + call + "/replay", Map.of()).expectStatus().isNotFound();
        http.post().uri(mine.api("/calls/" + call + "/replay")).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void listFiltersByStatusCommandAndTime() {
        Bots.TestBot bot = bots.create("filters").command("/a", ECHO).command("/b", ECHO);
        Instant start = Instant.now();
        http.get().uri(bot.localUrl(Map.of("command", "/a 1"))).exchange().expectStatus().isOk();
        http.get().uri(URI.create(bot.localUrl(Map.of("command", "/a")) + "&fail=1")).exchange().expectStatus()
                .isEqualTo(503);
        http.get().uri(bot.localUrl(Map.of("command", "/b"))).exchange().expectStatus().isOk();
        // A URL is made only for a command that exists: /ab is deleted after, so its call answers 404.
        URI missing = bot.command("/ab", ECHO).localUrl(Map.of("command", "/ab"));
        bot.send("DELETE", "/commands/%2Fab", Map.of()).expectStatus().isNoContent();
        http.get().uri(missing).exchange().expectStatus().isNotFound();

        assertThat(commands(bot, "")).containsExactly("/ab", "/b", "/a", "/a 1");
        assertThat(commands(bot, "?command=/a")).containsExactly("/a", "/a 1");
        assertThat(commands(bot, "?status=5xx")).containsExactly("/a");
        assertThat(commands(bot, "?status=200&command=/a")).containsExactly("/a 1");
        assertThat(commands(bot, "?status=4xx&limit=1")).containsExactly("/ab");
        assertThat(commands(bot, "?from=" + start.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60))).hasSize(4);
        assertThat(commands(bot, "?to=" + start.minusSeconds(60))).isEmpty();
        for (String bad : new String[] {"?status=600", "?status=abc", "?from=yesterday",
                "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"}) {
            bot.get("/calls" + bad).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private static List<String> commands(Bots.TestBot bot, String query) {
        List<String> commands = new ArrayList<>();
        bot.getJson("/calls" + query.replace("+", "%2B")).get("calls").forEach(call -> commands.add(call.get("command").asString()));
        return commands;
    }
}
