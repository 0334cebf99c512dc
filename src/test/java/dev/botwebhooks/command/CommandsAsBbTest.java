package dev.botwebhooks.command;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands as Bots.Business has them (help.bots.business, "Commands" and "Always running commands"): names with
 * spaces and emoji, aliases, the master command {@code *}, {@code @} before and {@code @@} after every command, and
 * the {@code /*CMD} header's answer and keyboard.
 */
class CommandsAsBbTest extends EndToEndTest {

    private String answer(Bots.TestBot bot, String command) {
        return answer(bot, command, null);
    }

    private String answer(Bots.TestBot bot, String command, Long userId) {
        Map<String, Object> request = userId == null ? Map.of("command", command)
                : Map.of("command", command, "user_id", userId);
        JsonNode body = Bots.json(http.get().uri(bot.localUrl(request)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        return body.get("answer").asString();
    }

    @Test
    void aNameWithSpacesAndEmojiIsCalledByItsWholeText() {
        Bots.TestBot bot = bots.create("bb")
                .command("👛 My wallet", "Bot.sendMessage('wallet [' + params + '] ' + message)")
                .command("👛", "Bot.sendMessage('purse ' + params)");

        assertThat(answer(bot, "👛 My wallet")).isEqualTo("wallet [] 👛 My wallet");
        // Not a name: its first word is, and the rest are its params.
        assertThat(answer(bot, "👛 My purse")).isEqualTo("purse My purse");
        assertThat(bot.getJson("/commands/" + encoded("👛 My wallet")).get("name").asString()).isEqualTo("👛 My wallet");
    }

    @Test
    void aliasesCallTheirCommandWholeOrAsFirstWord() {
        Bots.TestBot bot = bots.create("bb");
        bot.send("POST", "/commands", Map.of("name", "/help", "code", "Bot.sendMessage('help ' + params)",
                "aliases", "/hello, ?, need help")).expectStatus().isOk()
                .expectBody().jsonPath("$.settings.aliases[2]").isEqualTo("need help");

        assertThat(answer(bot, "?")).isEqualTo("help ");
        assertThat(answer(bot, "need help")).isEqualTo("help ");
        assertThat(answer(bot, "/hello there")).isEqualTo("help there");
    }

    @Test
    void aNameWinsOverAnotherCommandsAlias() {
        Bots.TestBot bot = bots.create("bb").command("/other", "Bot.sendMessage('other')");
        bot.send("POST", "/commands", Map.of("name", "/help", "code", "Bot.sendMessage('help')",
                "aliases", java.util.List.of("/other"))).expectStatus().isOk();

        assertThat(answer(bot, "/other")).isEqualTo("other");
    }

    @Test
    void theMasterCommandRunsWhenNothingElseMatches() {
        Bots.TestBot bot = bots.create("bb").command("/start", "Bot.sendMessage('start')");
        // No command matches this text: no URL is made for it.
        bot.send("POST", "/webhook-urls", Map.of("command", "anything at all")).expectStatus().isBadRequest();

        bot.command("*", "Bot.sendMessage('master got: ' + message)");

        assertThat(answer(bot, "anything at all")).isEqualTo("master got: anything at all");
        assertThat(answer(bot, "/start")).isEqualTo("start");
    }

    @Test
    void beforeAllRunsFirstInTheSameScopeAndAfterAllLast() {
        Bots.TestBot bot = bots.create("bb").user(42, Map.of("telegramid", 4242))
                .command("@", "var greeting = 'hi ' + message; function shout(s) { return s.toUpperCase() }")
                .command("/start", "Bot.sendMessage(shout(greeting))")
                .command("@@", "Bot.sendMessage('after: ' + greeting)");

        assertThat(answer(bot, "/start", 42L)).isEqualTo("after: hi /start");
        JsonNode messages = bot.getJson("/messages?user_id=42").get("messages");
        assertThat(messages.get(1).get("text").asString()).isEqualTo("HI /START");
    }

    @Test
    void afterAllDoesNotRunWhenTheCommandFails() {
        Bots.TestBot bot = bots.create("bb")
                .command("/fail", "throw new Error('no')")
                .command("@@", "Bot.setProperty('after_ran', true, 'boolean')");

        http.get().uri(bot.localUrl(Map.of("command", "/fail"))).exchange().expectStatus().isEqualTo(503);

        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
    }

    @Test
    void beforeAllAndAfterAllAreNeverCalledByText() {
        Bots.TestBot bot = bots.create("bb").command("@", "var x = 1").command("@@", "var y = 2");

        // Matched as a webhook matches: no text calls them, so no URL is made for them.
        bot.send("POST", "/webhook-urls", Map.of("command", "@")).expectStatus().isBadRequest();
        bot.send("POST", "/webhook-urls", Map.of("command", "@@")).expectStatus().isBadRequest();
    }

    @Test
    void aCommandSavedWithItsBbHeaderSendsTheAnswerWithItsKeyboardBeforeTheCode() {
        Bots.TestBot bot = bots.create("bb").user(42, Map.of("telegramid", 4242));
        String file = """
                /*CMD
                  command: /menu
                  help: the main menu
                  need_reply: false
                  auto_retry_time:\s
                  folder: Menus

                  <<ANSWER
                  Choose one
                  ANSWER

                  <<KEYBOARD
                  Orders, About
                  Help
                  KEYBOARD
                  aliases: menu, 📋 Menu
                  group:\s
                CMD*/

                Bot.sendMessage('and the code ran');
                """;
        JsonNode saved = Bots.json(bot.send("POST", "/commands", Map.of("code", file)).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(saved.get("name").asString()).isEqualTo("/menu");
        assertThat(saved.get("code").asString()).isEqualTo("Bot.sendMessage('and the code ran');\n");
        assertThat(saved.get("settings").get("help").asString()).isEqualTo("the main menu");
        assertThat(saved.get("settings").get("folder").asString()).isEqualTo("Menus");

        assertThat(answer(bot, "📋 Menu", 42L)).isEqualTo("and the code ran");

        JsonNode messages = bot.getJson("/messages?user_id=42").get("messages");
        assertThat(messages).hasSize(2);
        JsonNode first = messages.get(1);
        assertThat(first.get("text").asString()).isEqualTo("Choose one");
        assertThat(first.toString()).contains("[[\"Orders\",\"About\"],[\"Help\"]]");
        assertThat(messages.get(0).get("text").asString()).isEqualTo("and the code ran");
    }

    @Test
    void aHeaderWithAnAnswerAndNoCodeAnswersIt() {
        Bots.TestBot bot = bots.create("bb");
        bot.send("POST", "/commands", Map.of("code", "/*CMD\n  command: /about\n  <<ANSWER\n  We sell cats.\n  ANSWER\nCMD*/\n"))
                .expectStatus().isOk();

        assertThat(answer(bot, "/about")).isEqualTo("We sell cats.");
    }

    @Test
    void aHeaderNamingAnotherCommandThanTheNameIsRefused() {
        Bots.TestBot bot = bots.create("bb");
        bot.send("POST", "/commands", Map.of("name", "/a", "code", "/*CMD\n  command: /b\nCMD*/\nx = 1"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("name /a differs from the header's command: /b");
        bot.send("POST", "/commands", Map.of("code", "/*CMD\n  command: /b\nx = 1"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("the code's BB header: the /*CMD header is not closed with CMD*/");
    }

    @Test
    void aliasesAreBounded() {
        Bots.TestBot bot = bots.create("bb");
        java.util.List<String> aliases = java.util.stream.IntStream.rangeClosed(1, 51).mapToObj(i -> "a" + i).toList();
        bot.send("POST", "/commands", Map.of("name", "/x", "code", "1", "aliases", aliases))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("a command has at most 50 aliases, not 51");
    }

    @Test
    void botRunCommandFindsANameWithSpaces() {
        Bots.TestBot bot = bots.create("bb")
                .command("👛 My wallet", "Bot.sendMessage('wallet [' + params + ']')")
                .command("/go", "Bot.runCommand('👛 My wallet')");

        assertThat(answer(bot, "/go")).isEqualTo("wallet []");
    }

    private static String encoded(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
