package dev.botwebhooks.archive;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A BB export's {@code libs/} folder holds the code of the libraries installed for the bot; after an import,
 * {@code Libs.<name>} runs the bot's own copy (BB's {@code publish}), as the bot did on BB.
 */
class ImportedLibsTest extends EndToEndTest {

    private static final String GREETER = """
            // A library as BB writes one: its own top-level names, what it publishes is Libs.Greeter.
            var PREFIX = "Hi ";
            function hello(name) { return PREFIX + name + " (" + Bot.getProperty("visits", 0) + ")"; }
            publish({ hello: hello });
            """;

    private static Map<String, String> bot(String library) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("bot.json", "{\"name\":\"Greeter bot\"}");
        files.put("commands/_hi.js", "/*CMD\n  command: /hi\nCMD*/\nBot.sendMessage(Libs.Greeter.hello(user.first_name)"
                + " + ' ' + typeof PREFIX)\n");
        files.put("libs/Greeter.js", library);
        return files;
    }

    private void upload(Bots.TestBot bot, Map<String, String> files) {
        http.post().uri(bot.api("/import")).header("Authorization", "Bearer " + bot.apiKey())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(TestArchives.zip(files)).exchange()
                .expectStatus().isOk();
    }

    private JsonNode call(Bots.TestBot bot, int status) {
        return Bots.json(http.get().uri(bot.localUrl(Map.of("command", "/hi", "user_id", 1))).exchange()
                .expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void aLibraryFromTheExportsLibsFolderIsLoadedWhenAScriptReadsIt() {
        Bots.TestBot bot = bots.create("imported-lib").user(1, Map.of("telegramid", 111, "first_name", "Ann"));
        upload(bot, bot(GREETER));
        assertThat(call(bot, 200).get("answer").asString()).isEqualTo("Hi Ann (0) undefined");

        // A new import with other code runs the new code.
        upload(bot, bot(GREETER.replace("Hi ", "Hello ")));
        assertThat(call(bot, 200).get("answer").asString()).isEqualTo("Hello Ann (0) undefined");

        // Another bot has none of it.
        Bots.TestBot other = bots.create("no-lib").user(1, Map.of("telegramid", 222, "first_name", "Bob"));
        other.command("/hi", "Bot.sendMessage(Libs.Greeter.hello('x'))");
        assertThat(call(other, 503).get("error").asString()).startsWith("Error: Libs.Greeter is not installed");
    }

    @Test
    void aLibraryThatDoesNotCompileIsNamedInTheRunsError() {
        Bots.TestBot bot = bots.create("broken-lib").user(1, Map.of("telegramid", 111, "first_name", "Ann"));
        upload(bot, bot("function hello( {\n"));
        assertThat(call(bot, 503).get("error").asString())
                .startsWith("Error: Libs.Greeter (the bot's libs/Greeter.js) does not compile:").contains("(line 1)");
    }
}
