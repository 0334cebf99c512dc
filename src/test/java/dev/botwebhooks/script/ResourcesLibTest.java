package dev.botwebhooks.script;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Libs.ResourcesLib as Bots.Business's store documents it (the "Resources" lib and its demo bot). */
class ResourcesLibTest extends EndToEndTest {

    private JsonNode call(Bots.TestBot bot, String code, int status) {
        bot.command("/res", code);
        return Bots.json(http.get().uri(bot.localUrl(Map.of("command", "/res", "user_id", 1))).exchange()
                .expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody());
    }

    private Bots.TestBot bot() {
        return bots.create("res").user(1, Map.of("telegramid", 111)).user(2, Map.of("telegramid", 222));
    }

    @Test
    void aUsersResourceIsAddedRemovedCheckedAndKeptBetweenCalls() {
        Bots.TestBot bot = bot();
        String code = """
                var balance = Libs.ResourcesLib.userRes("balance");
                balance.add(10);
                balance.remove(3);
                Bot.sendMessage(balance.value() + " " + balance.have(7) + " " + balance.have(8) + " " + balance.name);
                """;
        assertThat(call(bot, code, 200).get("answer").asString()).isEqualTo("7 true false balance");
        assertThat(call(bot, code, 200).get("answer").asString()).isEqualTo("14 true true balance");
        // Stored where BB stores it, so BB bots reading the property directly still work.
        assertThat(call(bot, "Bot.sendMessage(Bot.getProperty('ResourcesLib_user111_balance'))", 200)
                .get("answer").asString()).isEqualTo("14");
    }

    @Test
    void removingMoreThanThereIsFailsTheRunAndChangesNothing() {
        Bots.TestBot bot = bot();
        call(bot, "Libs.ResourcesLib.userRes('gold').set(5); Bot.sendMessage('ok')", 200);

        JsonNode failed = call(bot, "var gold = Libs.ResourcesLib.userRes('gold'); gold.add(1); gold.remove(100)", 503);

        assertThat(failed.get("error").asString()).isEqualTo("ResLib: not enough resources");
        assertThat(call(bot, "Bot.sendMessage(Libs.ResourcesLib.userRes('gold').value())", 200)
                .get("answer").asString()).isEqualTo("5");
    }

    @Test
    void resourcesMoveBetweenUsersAndExchange() {
        Bots.TestBot bot = bot();
        String code = """
                var lib = Libs.ResourcesLib;
                var mine = lib.userRes("usd"), theirs = lib.anotherUserRes("usd", 222), coins = lib.userRes("coins");
                mine.set(100);
                mine.transferTo(theirs, 30);
                mine.exchangeTo(coins, {remove_amount: 10, add_amount: 1000});
                var refused = "";
                try { mine.transferTo(lib.anotherUserRes("eur", 222), 1) } catch (e) { refused = e }
                Bot.sendMessage([mine.value(), theirs.value(), coins.value(), refused].join("|"));
                """;
        assertThat(call(bot, code, 200).get("answer").asString())
                .isEqualTo("60|30|1000|ResLib: can not transfer different resources");
    }

    @Test
    void growthAddsItsIncrementForEveryIntervalThatPassed() {
        Bots.TestBot bot = bot();
        String code = """
                var deposit = Libs.ResourcesLib.userRes("deposit");
                deposit.set(100);
                deposit.growth.add({value: 5, interval: 1, max: 112});
                var growth = deposit.growth.info();
                growth.started_at = Date.now() - 2500;
                Bot.setProperty(deposit.growth.propName(), growth, "json");
                var afterTwo = deposit.value();
                growth = deposit.growth.info();
                growth.started_at = Date.now() - 10000;
                Bot.setProperty(deposit.growth.propName(), growth, "json");
                Bot.sendMessage(afterTwo + " " + deposit.value() + " " + deposit.growth.title());
                """;
        assertThat(call(bot, code, 200).get("answer").asString()).isEqualTo("110 112 add 5 once at 1 secs");
    }

    @Test
    void aStoppedGrowthResumesFromNowAndAResetOneIsGone() {
        String code = """
                var deposit = Libs.ResourcesLib.userRes("deposit");
                deposit.set(100);
                deposit.growth.add({value: 5, interval: 1});
                deposit.growth.stop();
                var stopped = deposit.growth.isEnabled();
                deposit.growth.resume();
                var resumed = deposit.growth.isEnabled() && deposit.growth.info().started_at > Date.now() - 1000;
                deposit.resetGrowth();
                Bot.sendMessage(stopped + " " + resumed + " " + deposit.growth.isEnabled() + " " + deposit.value());
                """;
        assertThat(call(bot(), code, 200).get("answer").asString()).isEqualTo("false true false 100");
    }

    @Test
    void aResourceWithoutGrowthShowsNaNProgressAsBbsLibDoes() {
        // DemoResBot's /balance: growth.progress().toFixed(2) on a balance that never grew prints "NaN" on BB.
        String code = "var res = Libs.ResourcesLib.userRes('money'); Bot.sendMessage(res.growth.progress().toFixed(2)"
                + " + ' ' + res.growth.willCompletedAfter())";
        assertThat(call(bot(), code, 200).get("answer").asString()).isEqualTo("NaN NaN");
    }

    @Test
    void aLibraryTheServiceDoesNotHaveIsNamedInTheError() {
        JsonNode failed = call(bot(), "Libs.CoinPayments.apiCall({})", 503);

        assertThat(failed.get("error").asString()).isEqualTo("Error: Libs.CoinPayments is not installed for this bot"
                + " (installed: CommonLib, CooldownLib, DateTimeFormat, MembershipChecker, OxaPayLib, Random, ReferralLib, ResourcesLib, TopBoardLib, Webhooks;"
                + " the bot setting libs lists them)");
    }

    @Test
    void chatResourcesNeedAChat() {
        Bots.TestBot bot = bots.create("res");
        bot.command("/res", "Libs.ResourcesLib.chatRes('points').add(1)");
        JsonNode failed = Bots.json(http.get().uri(bot.localUrl(Map.of("command", "/res"))).exchange()
                .expectStatus().isEqualTo(503).expectBody(String.class).returnResult().getResponseBody());
        assertThat(failed.get("error").asString()).isEqualTo("ResLib: chatRes needs a chat (this webhook has none)");
    }
}
