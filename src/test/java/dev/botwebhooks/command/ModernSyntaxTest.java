package dev.botwebhooks.command;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Code Rhino cannot parse as written is transpiled when saved; the author's code is what the API gives back. */
class ModernSyntaxTest extends EndToEndTest {

    private static final String MODERN = """
            class Order {
              constructor(id) { this.id = id; }
              get label() { return 'order ' + this.id; }
            }
            const {amount, ...rest} = {amount: 5, currency: 'USD', note: 'x'};
            const copy = {...rest, amount};
            async function total(n) { const base = await Promise.resolve(n); return base ** 2; }
            total(amount).then(t => Bot.sendMessage(new Order(7).label + ' ' + t + ' ' + JSON.stringify(copy)
              + ' ' + (copy.missing?.deep ?? 'none')));
            """;

    /** Babel loads on the first code that needs it: seconds, more on a busy machine. */
    private static WebTestClient.ResponseSpec save(Bots.TestBot bot, String name, String code) {
        return bot.http().mutate().responseTimeout(Duration.ofMinutes(3)).build()
                .post().uri(bot.api("/commands")).header("Authorization", "Bearer " + bot.apiKey())
                .bodyValue(Map.of("name", name, "code", code)).exchange();
    }

    @Test
    void classesRestSpreadAsyncAndOptionalChainingRunAfterTranspiling() {
        Bots.TestBot bot = bots.create("modern");
        JsonNode saved = Bots.json(save(bot, "/pay", MODERN)
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(saved.get("code").asString()).isEqualTo(MODERN);

        JsonNode answer = Bots.json(http.get().uri(bot.localUrl(Map.of("command", "/pay"))).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        assertThat(answer.get("answer").asString())
                .isEqualTo("order 7 25 {\"currency\":\"USD\",\"note\":\"x\",\"amount\":5} none");
    }

    @Test
    void anErrorInTranspiledCodeNamesTheAuthorsLine() {
        Bots.TestBot bot = bots.create("modern");
        save(bot, "/fail", "class A {}\n\n\nthrow new Error('on line 4')")
                .expectStatus().isOk();

        String body = http.get().uri(bot.localUrl(Map.of("command", "/fail"))).exchange()
                .expectStatus().isEqualTo(503).expectBody(String.class).returnResult().getResponseBody();
        long callId = Bots.json(body).get("call_id").asLong();

        assertThat(bot.getJson("/calls/" + callId).get("error").asString()).contains("on line 4").contains(":4");
    }

    @Test
    void codeNeitherRhinoNorBabelParsesIsRefusedWithItsLineAndColumn() {
        Bots.TestBot bot = bots.create("modern");
        save(bot, "/bad", "class A {\n  m( {\n}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .isEqualTo("the code does not parse: SyntaxError: Unexpected token, expected \",\" (3:1)"));
        bot.get("/commands/%2Fbad").exchange().expectStatus().isNotFound();
    }
}
