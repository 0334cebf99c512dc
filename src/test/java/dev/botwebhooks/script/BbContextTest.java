package dev.botwebhooks.script;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * BB's context variables ({@code command}, {@code completed_commands_count}), users named by their Telegram id, and
 * CommonLib, each from BB's help pages ("Context", "Bot methods", "User and bot properties", "Utilities").
 */
class BbContextTest extends EndToEndTest {

    private Bots.TestBot bot() {
        return bots.create("context").user(1, Map.of("telegramid", 111, "first_name", "Ann"))
                .user(2, Map.of("telegramid", 222, "username", "bob"));
    }

    @Test
    void aCommandGuardedByCompletedCommandsCountRunsOnlyWhenTheBotCallsIt() {
        Bots.TestBot bot = bot();
        // BB's security page: a command only the bot itself may run.
        bot.command("/secret", """
                if (completed_commands_count == 0) { Bot.sendMessage("refused " + command.name); return }
                Bot.setProperty("secret_ran", completed_commands_count, "integer")
                Bot.sendMessage("ran " + command.name + " " + completed_commands_count)
                """);
        assertThat(callAs(bot, 1, "/secret", 200).get("answer").asString()).isEqualTo("refused /secret");
        assertThat(answerOf(bot, "Bot.runCommand('/secret'); Bot.sendMessage(Bot.getProperty('x', '') + command.name + ' '"
                + " + completed_commands_count)")).isEqualTo("/run 0");
        assertThat(answerOf(bot, "Bot.runCommand('/secret')")).isEqualTo("ran /secret 1");
        answerOf(bot, "Bot.run({ command: '/secret' }); Bot.sendMessage('scheduled')");
        await().atMost(Duration.ofSeconds(15)).until(() -> bot.getJson("/properties").toString().contains("secret_ran"));
    }

    @Test
    void usersAreNamedByTheirTelegramIdAndGetPropTakesDefaultValue() {
        Bots.TestBot bot = bot();
        assertThat(answerOf(bot, """
                Bot.setProp({ name: "balance", value: 5, type: "integer", user_telegramid: 222 })
                Bot.sendMessage(Bot.getProp({ name: "balance", user_telegramid: "222", default_value: 0 }) + " "
                  + Bot.getProp({ name: "balance", user_telegramid: 999, default_value: "none" }) + " "
                  + Bot.getProp({ name: "missing", default_value: 7 }))
                """)).isEqualTo("5 none 7");
        assertThat(bot.getJson("/properties?user_id=2").toString()).contains("balance");

        bot.command("/whoami", "Bot.setProperty('ran_for', user.id, 'integer')");
        answerOf(bot, "Bot.run({ command: '/whoami', user_telegramid: 222 }); Bot.run({ command: '/whoami', chat_id: 222 });"
                + " Bot.sendMessage('ok')");
        await().atMost(Duration.ofSeconds(15)).until(() -> bot.getJson("/properties").toString().contains("ran_for"));
        assertThat(bot.getJson("/properties").toString()).contains("\"value\":2");

        // An unknown Telegram id is an error where it would write; a missing command is none with BB's flag.
        bot.command("/bad", "Bot.run({ command: '/whoami', user_telegramid: 999 })");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).isEqualTo("Error: Bot.run: no user has telegramid (or chat) 999");
        bot.command("/bad", "Bot.setProp({ name: 'x', value: 1, user_telegramid: 999 })");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).contains("no user has telegramid 999");
        assertThat(answerOf(bot, "Bot.run({ command: '/nothing', ignoreMissingCommand: true }); Bot.sendMessage('fine')"))
                .isEqualTo("fine");
        bot.command("/bad", "Bot.run({ command: '/nothing' })");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).contains("unknown command /nothing");
    }

    @Test
    void aCommandOfAUserGroupRunsOnlyForItsUsers() {
        Bots.TestBot bot = bot();
        bot.command("/join", "User.addToGroup(params); Bot.sendMessage('in ' + User.getGroup())");
        bot.command("/leave", "User.removeGroup(); Bot.sendMessage('left ' + User.getGroup())");
        bot.send("POST", "/commands", Map.of("name", "/vip", "code",
                "/*CMD\n  command: /vip\n  group: customers\nCMD*/\nBot.sendMessage('welcome ' + User.getGroup())"))
                .expectStatus().is2xxSuccessful();

        assertThat(callAs(bot, 1, "/vip", 404).get("error").asString())
                .isEqualTo("command /vip is only for users of group customers");
        assertThat(callAs(bot, 1, "/join guests", 200).get("answer").asString()).isEqualTo("in guests");
        callAs(bot, 1, "/vip", 404);
        assertThat(callAs(bot, 1, "/join customers", 200).get("answer").asString()).isEqualTo("in customers");
        assertThat(callAs(bot, 1, "/vip", 200).get("answer").asString()).isEqualTo("welcome customers");
        callAs(bot, 2, "/vip", 404);
        assertThat(callAs(bot, 1, "/leave", 200).get("answer").asString()).isEqualTo("left undefined");
        callAs(bot, 1, "/vip", 404);
    }

    @Test
    void commandCarriesItsSettingsAndDataIsBbsOlderNameForTheRunsValues() {
        Bots.TestBot bot = bot();
        bot.send("POST", "/commands", Map.of("name", "/menu", "code", "/*CMD\n  command: /menu\n  help: the menu\n"
                + "  folder: 🏠 Menu\n  aliases: /m, menu\nCMD*/\nBot.sendMessage([command.name, command.folder, command.help,"
                + " command.aliases.join('|'), data.message, data.user.first_name, data.chat.chatid,"
                + " String(request.data)].join(' '))")).expectStatus().is2xxSuccessful();
        assertThat(callAs(bot, 1, "/m", 200).get("answer").asString())
                .isEqualTo("/menu 🏠 Menu the menu /m|menu /m Ann 111 undefined");
    }

    @Test
    void globalsMadeOnFirstUseAreThereForACommandRunByRunCommandToo() {
        Bots.TestBot bot = bot();
        bot.command("/sub", "Bot.sendMessage([typeof List, typeof AdminPanel, typeof CommonLib, typeof CryptoJS,"
                + " typeof RefLib, message].join(' '))");
        assertThat(answerOf(bot, "Bot.runCommand('/sub')")).isEqualTo("function object object object object /sub");
    }

    @Test
    void theErrorCommandRunsForTheUserWhenACommandFails() {
        Bots.TestBot bot = bot();
        bot.command("/broken", "Bot.setProperty('half', 1, 'integer'); undefinedFunction()");
        bot.command("!", "Bot.setProperty('error_seen', options.command + ' | ' + options.error, 'string');"
                + " Bot.sendMessage('Sorry, something went wrong')");
        assertThat(callAs(bot, 1, "/broken", 503).get("error").asString()).contains("undefinedFunction");
        await().atMost(Duration.ofSeconds(15)).until(() -> bot.getJson("/properties").toString().contains("error_seen"));
        assertThat(bot.getJson("/properties").toString()).contains("/broken | ReferenceError").doesNotContain("\"half\"");
        assertThat(bot.getJson("/messages?user_id=1").toString()).contains("Sorry, something went wrong");

        // A failing ! runs no other !, and a run without a user has no one to tell.
        bot.command("!", "throw new Error('the error command fails too')");
        callAs(bot, 1, "/broken", 503);
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(bot.getJson("/scheduled-runs").get("scheduled_runs").size()).isEqualTo(2);
    }

    @Test
    void propertyPlaceholdersInAnAnswerAndAMessageAreTheUsersProperties() {
        Bots.TestBot bot = bot();
        answerOf(bot, "User.setProperty('UserRole', 'admin', 'string'); User.setProperty('points', 12, 'integer');"
                + " Bot.sendMessage('ok')");
        bot.send("POST", "/commands", Map.of("name", "/hello", "code",
                "/*CMD\n  command: /hello\n  answer: Hello, <UserRole>!\nCMD*/\n")).expectStatus().isOk();
        assertThat(callAs(bot, 1, "/hello", 200).get("answer").asString()).isEqualTo("Hello, admin!");
        assertThat(answerOf(bot, "Bot.sendMessage('<b><UserRole></b> has <points> points, <nothing> stays')"))
                .isEqualTo("<b>admin</b> has 12 points, <nothing> stays");
        // Another user has no such property: the tag stays as written.
        assertThat(callAs(bot, 2, "/hello", 200).get("answer").asString()).isEqualTo("Hello, <UserRole>!");
    }

    @Test
    void cacheCallsAreCheckedAndTheCommandRunsFreshEachTime() {
        Bots.TestBot bot = bot();
        // BB's caching page: /hours caches its answer; here it runs each time, so a changed value shows at once.
        bot.command("/hours", "var hours = Bot.getProp('opening_hours', 'Monday to Friday');"
                + " Bot.sendMessage(hours, { parse_mode: null }); Bot.setCache(300); User.setCache(60)");
        assertThat(callAs(bot, 1, "/hours", 200).get("answer").asString()).isEqualTo("Monday to Friday");
        answerOf(bot, "Bot.setProp('opening_hours', 'Monday to Saturday'); Bot.clearCache('/hours');"
                + " User.clearCache('/hours'); Bot.sendMessage('saved')");
        assertThat(callAs(bot, 1, "/hours", 200).get("answer").asString()).isEqualTo("Monday to Saturday");
        bot.command("/bad", "Bot.setCache(-1)");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).startsWith("RangeError: Bot.setCache");
        bot.command("/bad", "Bot.clearCache()");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).startsWith("TypeError: Bot.clearCache");
    }

    @Test
    void commonLibIsEveryBotsWithoutInstalling() {
        Bots.TestBot bot = bot();
        bot.send("PATCH", "", Map.of("libs", java.util.List.of("Random"))).expectStatus().isOk();
        assertThat(answerOf(bot, """
                Bot.sendMessage(CommonLib.getLinkFor(user) + " " + Libs.commonLib.getNameFor(user) + " "
                  + Libs.CommonLib.getLinkFor({ telegramid: 222, username: "bob" }))
                """)).isEqualTo("[Ann](tg://user?id=111) Ann [222](tg://user?id=222)");
    }
}
