package dev.botwebhooks.script;

import com.sun.net.httpserver.HttpServer;
import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The store libraries beyond ResourcesLib, each from its Bots.Business help page, and the bot's installed libs. */
class StoreLibsTest extends EndToEndTest {

    private Bots.TestBot bot() {
        return bots.create("libs").user(1, Map.of("telegramid", 111, "first_name", "Ann"))
                .user(2, Map.of("telegramid", 222, "first_name", "Bob"))
                .user(3, Map.of("telegramid", 333, "first_name", "Cid"));
    }

    @Test
    void aBotWithoutTheSettingHasEveryLibraryAndOneWithItOnlyThoseItLists() {
        Bots.TestBot bot = bot();
        assertThat(answerOf(bot, "Bot.sendMessage(typeof Libs.ResourcesLib.userRes + ' ' + typeof Libs.Random.randomInt)"))
                .isEqualTo("function function");

        bot.send("PATCH", "", Map.of("libs", List.of("Random"))).expectStatus().isOk();
        assertThat(bot.getJson("").get("settings").get("libs").toString()).isEqualTo("[\"Random\"]");

        assertThat(answerOf(bot, "Bot.sendMessage(typeof Libs.Random.randomInt + ' ' + typeof Libs.Webhooks.getUrlFor"
                + " + ' ' + ('ResourcesLib' in Libs))")).isEqualTo("function function false");
        bot.command("/run", "Libs.ResourcesLib.userRes('gold').add(1)");
        assertThat(callAs(bot, 1, "/run", 503).get("error").asString())
                .startsWith("Error: Libs.ResourcesLib is not installed for this bot");

        bot.send("PATCH", "", Map.of("libs", List.of("NoSuchLib"))).expectStatus().isBadRequest();
        bot.send("PATCH", "", Map.of("libs", "Random")).expectStatus().isBadRequest();
    }

    @Test
    void referralLibTracksWhoAttractedAUserAsItsHelpPageShows() {
        Bots.TestBot bot = bot();
        bot.command("/link", "Bot.sendMessage(Libs.ReferralLib.getLink('DemoBot'))");
        bot.command("/start", """
                function onTouchOwnLink() { Bot.sendMessage("It is your ref link!") }
                function onAlreadyAttracted() { Bot.sendMessage("You already joined") }
                function onAttracted(byUser) { Bot.sendMessage("Thank you for joining! Your friend TG id is: " + byUser.telegramid) }
                Libs.ReferralLib.track({ onTouchOwnLink: onTouchOwnLink, onAlreadyAttracted: onAlreadyAttracted,
                  onAttracted: onAttracted });
                Bot.sendMessage("started");
                """);
        bot.command("/reflist", """
                let refList = Libs.ReferralLib.getRefList();
                if (!refList.exist) { Bot.sendMessage("No any affiliated users"); return }
                let users = refList.getUsers();
                Bot.sendMessage(Libs.ReferralLib.getRefCount() + ": " + users.map(function (u) { return u.first_name }).join(","));
                """);
        bot.command("/by", "var by = Libs.ReferralLib.getAttractedBy(); Bot.sendMessage(by ? by.first_name + ' ' + by.chatId : 'nobody')");

        assertThat(callAs(bot, 1, "/reflist", 200).get("answer").asString()).isEqualTo("No any affiliated users");
        assertThat(callAs(bot, 1, "/link", 200).get("answer").asString()).isEqualTo("https://t.me/DemoBot?start=user1");

        assertThat(callAs(bot, 2, "/start user1", 200).get("answer").asString()).isEqualTo("started");
        assertThat(bot.getJson("/messages?user_id=2").toString())
                .contains("Thank you for joining! Your friend TG id is: 111");
        assertThat(callAs(bot, 2, "/start user1", 200).get("answer").asString()).isEqualTo("started");
        assertThat(bot.getJson("/messages?user_id=2").toString()).contains("You already joined");
        assertThat(callAs(bot, 3, "/start user1", 200).get("answer").asString()).isEqualTo("started");

        assertThat(callAs(bot, 1, "/reflist", 200).get("answer").asString()).isEqualTo("2: Bob,Cid");
        assertThat(callAs(bot, 2, "/by", 200).get("answer").asString()).isEqualTo("Ann 111");
        assertThat(callAs(bot, 1, "/by", 200).get("answer").asString()).isEqualTo("nobody");
        assertThat(answerOf(bot, "var top = Libs.ReferralLib.getTopList().get(); Bot.sendMessage(top[0].user.first_name + ': ' + top[0].value)"))
                .isEqualTo("Ann: 2");

        // Touching one's own link.
        bot.command("/mine", "Libs.ReferralLib.getLink(); Libs.ReferralLib.clearRef(); Bot.sendMessage('ok')");
        callAs(bot, 3, "/mine", 200);
        callAs(bot, 3, "/start user3", 200);
        assertThat(bot.getJson("/messages?user_id=3").toString()).contains("It is your ref link!");

        // BB's older lib: a /start parameter that is no user's link is the channel that attracted the user.
        bot.user(4, Map.of("telegramid", 444, "first_name", "Dan"));
        bot.command("/myref", """
                let u = Libs.ReferralLib.currentUser.attractedByUser();
                let chanell = Libs.ReferralLib.currentUser.attractedByChannel();
                Bot.sendMessage(u ? "user " + u.first_name : chanell ? "chanell: " + chanell : "You was not attracted.");
                """);
        callAs(bot, 4, "/start promo_post", 200);
        assertThat(callAs(bot, 4, "/myref", 200).get("answer").asString()).isEqualTo("chanell: promo_post");
        assertThat(callAs(bot, 2, "/myref", 200).get("answer").asString()).isEqualTo("user Ann");
        assertThat(answerOf(bot, "Libs.ReferralLib.currentUser.refList.clear();"
                + " Bot.sendMessage(Libs.ReferralLib.currentUser.refList.get().length)")).isEqualTo("0");
    }

    @Test
    void coreLibrariesAreGlobalsAsOnBbUnlessTheBotDoesNotHaveThem() {
        Bots.TestBot bot = bot();
        // BB's help: "RefLib.track(trackOptions)", "let res = ResLib.userRes("money"); let referrer = RefLib.getAttractedBy();"
        assertThat(answerOf(bot, """
                RefLib.track({});
                let res = ResLib.userRes("money");
                res.add(5);
                let referrer = RefLib.getAttractedBy();
                Bot.sendMessage(res.value() + " " + (referrer || "nobody") + " " + (ResLib === Libs.ResourcesLib) + " " + typeof RefLib.getLink
                  + " " + ('ResLib' in globalThis));
                """)).isEqualTo("5 nobody true function true");
        assertThat(answerOf(bot, "var ResLib = 'mine'; Bot.sendMessage(ResLib)")).isEqualTo("mine");
        assertThat(answerOf(bot, "Bot.sendMessage(typeof NoSuchLib)")).isEqualTo("undefined");

        bot.send("PATCH", "", Map.of("libs", List.of("Random"))).expectStatus().isOk();
        bot.command("/run", "ResLib.userRes('gold').add(1)");
        assertThat(callAs(bot, 1, "/run", 503).get("error").asString())
                .startsWith("Error: Libs.ResourcesLib is not installed for this bot");
    }

    @Test
    void randomGivesValuesWithinItsBoundsAndSendsOneOfTheMessages() {
        Bots.TestBot bot = bot();
        String ints = answerOf(bot, """
                var seen = {};
                for (var i = 0; i < 200; i++) { seen[Libs.Random.randomInt(0, 10)] = true }
                var floats = [];
                for (var j = 0; j < 50; j++) { var f = Libs.Random.randomFloat(200, 400); if (f < 200 || f >= 400) floats.push(f) }
                Bot.sendMessage(Object.keys(seen).sort(function (a, b) { return a - b }).join(",") + " " + floats.length);
                """);
        assertThat(ints).isEqualTo("0,1,2,3,4,5,6,7,8,9,10 0");

        bot.command("/hi", "Libs.Random.sendMessage([\"hello\", \"Hi\", \"Good day!\", \"Welcome!\"])");
        assertThat(callAs(bot, 1, "/hi", 200).get("answer").asString()).isIn("hello", "Hi", "Good day!", "Welcome!");
        assertThat(answerOf(bot, "if (Libs.Random.randomInt(5) !== undefined) Bot.sendMessage('a number')"))
                .isEqualTo("Need pass min and max for random value");
    }

    @Test
    void dateTimeFormatFormatsByTheDocumentedMasks() {
        Bots.TestBot bot = bot();
        String formatted = answerOf(bot, """
                var d = new Date(Date.UTC(2024, 0, 5, 14, 7, 9, 45));
                var f = Libs.DateTimeFormat.format;
                Bot.sendMessage([f(d, "UTC:m/dd/yy"), f(d, "UTC:ddd mmm dd yyyy HH:MM:ss"), f(d, "UTC:h:MM TT"),
                  f(d, "isoUtcDateTime"), f(d, "UTC:dddd, mmmm dS, yyyy 'at' hh:MM:ss.l tt"),
                  f(d.getTime(), "isoDate", true)].join("|"));
                """);
        assertThat(formatted).isEqualTo("1/05/24|Fri Jan 05 2024 14:07:09|2:07 PM|2024-01-05T14:07:09Z"
                + "|Friday, January 5th, 2024 at 02:07:09.045 pm|2024-01-05");
    }

    @Test
    void oxaPayCreatesAPaymentAndItsPaidCallbackRunsOnCompletePaymentWithTheInquiryAsOptions() throws IOException {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer oxapay = HttpServer.create(new InetSocketAddress(EndToEndTest.SCRIPT_HTTP_HOST, 0), 0);
        oxapay.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestURI().getPath() + " " + body);
            String reply = switch (exchange.getRequestURI().getPath()) {
                case "/merchants/request" -> "{\"result\":100,\"message\":\"success\",\"trackId\":\"T42\",\"payLink\":\"https://oxapay.com/mpay/T42\"}";
                case "/merchants/inquiry" -> "{\"result\":100,\"message\":\"success\",\"trackId\":\"T42\",\"status\":\"Paid\",\"amount\":100,\"currency\":\"TRX\"}";
                default -> "{\"result\":400}";
            };
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        oxapay.start();
        try {
            Bots.TestBot bot = bot();
            String api = "http://" + EndToEndTest.SCRIPT_HTTP_HOST + ":" + oxapay.getAddress().getPort() + "/";
            answerOf(bot, "Libs.OxaPayLib.setMerchantKey('oxapay'); Libs.OxaPayLib.setApiUrl('" + api + "'); Bot.sendMessage('ok')");
            // The help page's commands, unchanged.
            bot.command("/pay", """
                    let amount = 100; // amount in TRX
                    options = { fields: { amount: amount }, onCreatePayment: '/onCreatePayment' }
                    Libs.OxaPayLib.createTransaction(options);
                    """);
            bot.command("/onCreatePayment", """
                    if (!options) return
                    User.setProperty("payLink", options.payLink, "string");
                    """);
            bot.command("/onCompletePayment", """
                    if(!options) return
                    User.setProperty("paid", options.amount + " " + options.currency + " " + options.trackId, "string");
                    """);

            callAs(bot, 1, "/pay", 200);
            await().atMost(Duration.ofSeconds(15)).until(() -> bot.getJson("/properties?user_id=1").toString().contains("payLink"));
            assertThat(bot.getJson("/properties?user_id=1").toString()).contains("https://oxapay.com/mpay/T42");
            String create = requests.get(0);
            assertThat(create).startsWith("/merchants/request ").contains("\"merchant\":\"oxapay\"").contains("\"amount\":100");
            String callbackUrl = Bots.json(create.substring(create.indexOf(' ') + 1)).get("callbackUrl").asString();

            // OxaPay's callback: a waiting payment is only acknowledged, a paid one confirmed and completed.
            String waiting = http.post().uri(bot.local(URI.create(callbackUrl))).header("Content-Type", "application/json")
                    .bodyValue("{\"status\":\"Waiting\",\"trackId\":\"T42\"}").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(waiting).isEqualTo("ok");
            http.post().uri(bot.local(URI.create(callbackUrl))).header("Content-Type", "application/json")
                    .bodyValue("{\"status\":\"Paid\",\"trackId\":\"T42\",\"amount\":100}").exchange().expectStatus().isOk();
            await().atMost(Duration.ofSeconds(15)).until(() -> bot.getJson("/properties?user_id=1").toString().contains("paid"));
            assertThat(bot.getJson("/properties?user_id=1").toString()).contains("100 TRX T42");
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1)).startsWith("/merchants/inquiry ").contains("\"trackId\":\"T42\"");

            // A callback that carries OxaPay's HMAC header must be signed with the merchant key.
            http.post().uri(bot.local(URI.create(callbackUrl))).header("Content-Type", "application/json")
                    .header("HMAC", "00ff").bodyValue("{\"status\":\"Paid\",\"trackId\":\"T43\"}").exchange()
                    .expectStatus().isEqualTo(503).expectBody().jsonPath("$.error")
                    .isEqualTo("Error: OxaPayLib: the callback signature does not match");
            assertThat(requests).hasSize(2);
        } finally {
            oxapay.stop(0);
        }
    }

    @Test
    void cooldownLibStartsWaitsAndEndsAPeriodAsItsHelpPageShows() {
        Bots.TestBot bot = bot();
        bot.command("/offer", """
                Libs.CooldownLib.user.watch({
                  name: "offer-check",
                  time: 1,
                  onStarting: function () { Bot.sendMessage("starting"); },
                  onWaiting: function (seconds) { Bot.sendMessage("waiting " + (seconds > 0 && seconds <= 1)); },
                  onEnding: function () { Bot.sendMessage("ending"); return true; }
                });
                """);
        assertThat(callAs(bot, 1, "/offer", 200).get("answer").asString()).isEqualTo("starting");
        assertThat(callAs(bot, 1, "/offer", 200).get("answer").asString()).isEqualTo("waiting true");
        // Another user has a cooldown of its own.
        assertThat(callAs(bot, 2, "/offer", 200).get("answer").asString()).isEqualTo("starting");
        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(5))
                .until(() -> callAs(bot, 1, "/offer", 200).get("answer").asString().equals("ending"));
        // onEnding returned true: a new period.
        assertThat(callAs(bot, 1, "/offer", 200).get("answer").asString()).isEqualTo("waiting true");
        assertThat(answerOf(bot, "var left = Libs.CooldownLib.user.getCooldown('offer-check').value();"
                + " Bot.sendMessage(String(left > 0 && left <= 1) + ' ' + Libs.CooldownLib.getCooldown('none').value())"))
                .isEqualTo("true 0");
    }

    @Test
    void topBoardLibKeepsTheTopScoresAsItsHelpPageShows() {
        Bots.TestBot bot = bot();
        bot.command("/score", "TopBoardLib.addScore({ boardName: 'weekly-game', value: Number(params), maxCount: 2 });"
                + " Bot.sendMessage('ok')");
        callAs(bot, 1, "/score 5", 200);
        callAs(bot, 2, "/score 3", 200);
        callAs(bot, 3, "/score 4", 200);
        callAs(bot, 2, "/score 7", 200);
        assertThat(answerOf(bot, """
                const board = TopBoardLib.getBoard("weekly-game");
                const lines = board.map(function (entry, index) {
                  return (index + 1) + ". " + entry.tgId + " " + entry.first_name + ": " + entry.value;
                });
                Bot.sendMessage(lines.length ? lines.join(" | ") : "No scores yet.");
                """)).isEqualTo("1. 222 Bob: 10 | 2. 111 Ann: 5");
        assertThat(answerOf(bot, "TopBoardLib.resetBoard('weekly-game'); Bot.sendMessage(TopBoardLib.getBoard('weekly-game')"
                + ".length + ' ' + User.getProperty(TopBoardLib.getUserPropName('weekly-game')))")).isEqualTo("0 5");
        bot.command("/bad", "TopBoardLib.addScore({ value: 0 })");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).contains("nonzero number");
        bot.command("/bad", "TopBoardLib.addScore({ value: 1, maxCount: 30 })");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).startsWith("RangeError");
    }
}
