package dev.botwebhooks.archive;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A Bots.Business bot moved in with one request and out again unchanged; what cannot be imported is reported. */
class BotArchiveTest extends EndToEndTest {

    private static final String START = """
            /*CMD
              command: /start
              help:\s
              need_reply: false
              auto_retry_time:\s
              folder: 👥 Users

              <<ANSWER
            command: not-this-one
              ANSWER

              <<KEYBOARD

              KEYBOARD
              aliases:\s
            CMD*/

            Bot.sendMessage("Hi " + user.first_name);
            """;
    private static final String ON_WEBHOOK = """
            /*CMD
              command: /onWebhook
              help:\s
              need_reply: false
              auto_retry_time:\s
              folder:\s
              answer:\s
              keyboard:\s
              aliases:\s
              group:\s
            CMD*/

            var n = JSON.parse(content).n;
            if (n > 1) { Bot.sendMessage("big " + n); return; }
            Bot.sendMessage("small " + n);
            """;

    private static Map<String, String> bbBot() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("bot.json", "{\n  \"bb_sync_version\":\"1.0\",\n  \"name\":\"Shop bot\",\n  \"csv_url\":null,\n  \"git_remote\":null\n}");
        files.put("README.md", "# Shop bot\n");
        files.put("commands/👥 Users/_start.js", START);
        files.put("commands/_onWebhook.js", ON_WEBHOOK);
        files.put("libs/myLib.js", "function hello(){}\npublish({hello: hello})\n");
        return files;
    }

    private WebTestClient.ResponseSpec upload(Bots.TestBot bot, byte[] archive, String query) {
        return http.post().uri(bot.api("/import" + query)).header("Authorization", "Bearer " + bot.apiKey())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(archive).exchange();
    }

    private JsonNode imported(Bots.TestBot bot, byte[] archive) {
        return Bots.json(upload(bot, archive, "").expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private Map<String, String> exported(Bots.TestBot bot) {
        return TestArchives.unzip(exportedZip(bot));
    }

    private byte[] exportedZip(Bots.TestBot bot) {
        return bot.get("/export").exchange().expectStatus().isOk()
                .expectHeader().contentType("application/zip")
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    @Test
    void aBbExportIsImportedRunsAndComesBackUnchanged() {
        Bots.TestBot bot = bots.create("shop");
        JsonNode report = imported(bot, TestArchives.zip(bbBot()));

        assertThat(report.get("imported")).hasSize(2);
        assertThat(report.get("imported").get(0).get("command").asString()).isEqualTo("/start");
        assertThat(report.get("imported").get(0).get("created").asBoolean()).isTrue();
        assertThat(report.get("skipped")).isEmpty();
        assertThat(report.get("kept")).extracting(JsonNode::asString).containsExactly("bot.json", "README.md", "libs/myLib.js");
        assertThat(bot.getJson("/commands/%2Fstart").get("code").asString()).isEqualTo("Bot.sendMessage(\"Hi \" + user.first_name);\n");

        URI url = bot.localUrl(Map.of("command", "/onWebhook"));
        http.post().uri(url).bodyValue("{\"n\": 5}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.answer").isEqualTo("big 5");

        assertThat(exported(bot)).isEqualTo(bbBot());
    }

    @Test
    void libsNamedInBotJsonAreInstalledAndOnesTheServiceLacksAreReported() {
        Bots.TestBot bot = bots.create("shop");
        Map<String, String> files = bbBot();
        files.put("bot.json", "{\"bb_sync_version\":\"1.0\",\"name\":\"Shop bot\",\"libs\":[\"ResourcesLib\",\"CoinPayments\"]}");
        JsonNode report = imported(bot, TestArchives.zip(files));

        assertThat(report.get("skipped").toString()).contains("bot.json").contains("library CoinPayments is not available here");
        assertThat(bot.getJson("").get("settings").get("libs").toString()).isEqualTo("[\"ResourcesLib\"]");
        bot.command("/lib", "Bot.sendMessage(typeof Libs.ResourcesLib.userRes + ' ' + ('Random' in Libs))");
        http.get().uri(bot.localUrl(Map.of("command", "/lib"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.answer").isEqualTo("function false");
    }

    @Test
    void aTarGzAsTarMakesItAndAZipWithOneTopFolderImportAlike() {
        Map<String, String> dotted = new LinkedHashMap<>();
        bbBot().forEach((path, content) -> dotted.put("./" + path, content));
        Map<String, String> topFolder = new LinkedHashMap<>();
        bbBot().forEach((path, content) -> topFolder.put("shop-bot-main/" + path, content));

        for (byte[] archive : new byte[][] {TestArchives.tarGz(dotted), TestArchives.zip(topFolder)}) {
            Bots.TestBot bot = bots.create("shop");
            assertThat(imported(bot, archive).get("imported")).hasSize(2);
            assertThat(exported(bot)).isEqualTo(bbBot());
        }
    }

    @Test
    void fileNamesOutsideAsciiImportFromEveryKindOfArchiveAndExportByteForByte() {
        Map<String, String> files = bbBot();
        files.put("commands/👛 My wallet.js", "/*CMD\n  command: 👛 My wallet\nCMD*/\n\nBot.sendMessage(1)\n");
        files.put("commands/Çekilme.js", "/*CMD\n  command: Çekilme\nCMD*/\n\nBot.sendMessage(2)\n");
        Map<String, byte[]> archives = new LinkedHashMap<>();
        archives.put("PAX tar (Python's tarfile, bsdtar, tar --format=pax)", TestArchives.gzip(TestArchives.paxTar(files)));
        archives.put("GNU tar", TestArchives.gzip(TestArchives.gnuTar(files)));
        archives.put("zip, UTF-8 flag", TestArchives.zip(files));
        archives.put("zip, UTF-8 without the flag", TestArchives.zip(files, StandardCharsets.UTF_8.name(), false,
                ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER));
        archives.put("zip, code page 437 and Unicode path fields", TestArchives.zip(files, "Cp437", false,
                ZipArchiveOutputStream.UnicodeExtraFieldPolicy.ALWAYS));

        archives.forEach((kind, archive) -> {
            Bots.TestBot bot = bots.create("shop");
            JsonNode report = imported(bot, archive);
            Map<String, String> imported = new LinkedHashMap<>();
            report.get("imported").forEach(command -> imported.put(command.get("path").asString(), command.get("command").asString()));
            assertThat(imported).as(kind).containsEntry("commands/👛 My wallet.js", "👛 My wallet")
                    .containsEntry("commands/Çekilme.js", "Çekilme").hasSize(4);
            assertThat(report.get("skipped")).as(kind).isEmpty();

            byte[] zip = exportedZip(bot);
            assertThat(TestArchives.unzip(zip)).as(kind).isEqualTo(files);
            assertThat(TestArchives.rawNames(zip)).as(kind).containsExactlyInAnyOrderElementsOf(files.keySet().stream()
                    .map(path -> new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)).toList());
        });
    }

    @Test
    void aSecondImportUpdatesWithNewVersionsAndKeepsOtherCommands() {
        Bots.TestBot bot = bots.create("shop").command("/mine", "Bot.sendMessage('mine')");
        imported(bot, TestArchives.zip(bbBot()));
        long version = bot.getJson("/commands/%2Fstart").get("version").asLong();

        Map<String, String> changed = bbBot();
        changed.put("commands/👥 Users/_start.js", START.replace("Hi ", "Hello "));
        JsonNode report = imported(bot, TestArchives.zip(changed));

        assertThat(report.get("imported").get(0).get("created").asBoolean()).isFalse();
        JsonNode start = bot.getJson("/commands/%2Fstart");
        assertThat(start.get("code").asString()).contains("Hello ");
        assertThat(start.get("version").asLong()).isGreaterThan(version);
        assertThat(bot.getJson("/commands/%2Fmine").get("code").asString()).isEqualTo("Bot.sendMessage('mine')");
    }

    @Test
    void filesThatCannotBeImportedAreReportedAndTheRestIsImported() {
        Map<String, String> files = bbBot();
        files.put("commands/_broken.js", "/*CMD\n  command: /broken\nCMD*/\n\nvar x = ;\n");
        files.put("commands/wallet.js", "/*CMD\n  command: 👛 My wallet\nCMD*/\n\nBot.sendMessage(1)\n");
        files.put("commands/again.js", "/*CMD\n  command: /start\nCMD*/\n\nBot.sendMessage(2)\n");
        files.put("commands/plain.js", "Bot.sendMessage(3)\n");
        Bots.TestBot bot = bots.create("shop");

        JsonNode report = imported(bot, TestArchives.zip(files));

        assertThat(report.get("imported")).hasSize(3);
        Map<String, String> reasons = new LinkedHashMap<>();
        report.get("skipped").forEach(skip -> reasons.put(skip.get("path").asString(), skip.get("reason").asString()));
        assertThat(reasons.get("commands/_broken.js")).isEqualTo("SyntaxError: Unexpected token (1:8)");
        assertThat(reasons).doesNotContainKey("commands/wallet.js");
        assertThat(reasons.get("commands/again.js")).isEqualTo("command /start is also in commands/👥 Users/_start.js");
        assertThat(reasons.get("commands/plain.js")).contains("no /*CMD");
    }

    @Test
    void aStrictImportWithASkippedFileImportsNothing() {
        Map<String, String> files = bbBot();
        files.put("commands/_broken.js", "/*CMD\n  command: /broken\nCMD*/\n\nvar x = ;\n");
        Bots.TestBot bot = bots.create("shop");

        upload(bot, TestArchives.zip(files), "?strict=true").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("1 file(s) cannot be imported; nothing was imported")
                .jsonPath("$.skipped[0].path").isEqualTo("commands/_broken.js");
        assertThat(bot.getJson("/commands").get("commands")).isEmpty();
    }

    @Test
    void hostileArchivesAreA400AndChangeNothing() {
        Bots.TestBot bot = bots.create("shop");
        Map<byte[], String> hostile = new LinkedHashMap<>();
        hostile.put("not an archive".getBytes(), "not a zip or tar.gz archive");
        hostile.put(TestArchives.zip(Map.of("../commands/_x.js", "x")), "paths must stay inside the bot's folder: ../commands/_x.js");
        hostile.put(TestArchives.tarGz(Map.of("commands/_x.js", "link:/etc/passwd")), "links are not allowed: commands/_x.js");
        hostile.put(TestArchives.zip(Map.of("commands/_x.js", "link:/etc/passwd")), "links are not allowed: commands/_x.js");
        hostile.put(TestArchives.zip(Map.of("commands/caf\u00e9.js", "x"), "ISO-8859-1"), "file names must be UTF-8: commands/caf?.js");
        hostile.put(TestArchives.zip(Map.of("bomb", "0".repeat(1024 * 1024 + 1))), "bomb is over 1024 KB uncompressed");

        hostile.forEach((archive, detail) -> upload(bot, archive, "").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo(detail));
        assertThat(bot.getJson("/commands").get("commands")).isEmpty();
    }

    @Test
    void anArchiveOverTheUploadBoundIs413() {
        Bots.TestBot bot = bots.create("shop");
        upload(bot, new byte[10 * 1024 * 1024 + 1], "").expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("max-archive-size"));
    }

    @Test
    void commandsMadeHereExportWithBbsHeaderAndImportBackTheSame() {
        Bots.TestBot bot = bots.create("made here").command("/onPay", "Bot.sendMessage('paid')").command("_onPay", "Bot.sendMessage(1)");
        Map<String, String> files = exported(bot);

        assertThat(files).containsKeys("commands/_onPay.js", "commands/_onPay-2.js", "bot.json");
        assertThat(files.get("bot.json")).contains("\"name\":\"made here\"");
        // Both names map to _onPay.js; commands are exported by name, so /onPay takes it first.
        assertThat(files.get("commands/_onPay.js")).startsWith("/*CMD\n  command: /onPay\n").endsWith("CMD*/\n\nBot.sendMessage('paid')");
        assertThat(files.get("commands/_onPay-2.js")).startsWith("/*CMD\n  command: _onPay\n").endsWith("CMD*/\n\nBot.sendMessage(1)");

        Bots.TestBot copy = bots.create("copy");
        assertThat(imported(copy, TestArchives.zip(files)).get("imported")).hasSize(2);
        assertThat(copy.getJson("/commands/%2FonPay").get("code").asString()).isEqualTo("Bot.sendMessage('paid')");
        assertThat(exported(copy)).isEqualTo(files);
    }

    @Test
    void anotherBotsKeyCannotImportOrExport() {
        Bots.TestBot bot = bots.create("shop");
        Bots.TestBot other = bots.create("other");
        http.get().uri(bot.api("/export")).header("Authorization", "Bearer " + other.apiKey()).exchange()
                .expectStatus().isNotFound();
        http.post().uri(bot.api("/import")).header("Authorization", "Bearer " + other.apiKey())
                .bodyValue(TestArchives.zip(bbBot())).exchange().expectStatus().isNotFound();
    }
}
