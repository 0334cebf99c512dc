package dev.botwebhooks.script;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * BB's runtime classes SmartBot, SmartAmountDialog and SmartTasker, each through the example of its BB help guide:
 * "Build a two-language SmartBot menu", "Ask for a quantity and validate the reply", "Save progress in a learning
 * checklist". The change feed is on, so that a user's wait for a reply is seen at once.
 */
@TestPropertySource(properties = {"webhooks.cache.data-ttl=1m", "webhooks.cache.listen=true"})
class SmartBotTest extends EndToEndTest {

    private static final String SETUP = """
            const commands = {
              "/smart-menu": { text: "#/texts/menu", inline_buttons: "#/keyboards/main", parse_mode: "HTML" },
              "/smart-help": { text: "#/texts/help", inline_buttons: "#/keyboards/back", parse_mode: "HTML" },
              "/smart-about": { text: "#/texts/about", inline_buttons: "#/keyboards/back", parse_mode: "HTML" },
              "/smart-language": { text: "#/texts/language", inline_buttons: "#/keyboards/languages", parse_mode: "HTML" }
            };
            const keyboards = {
              main: [
                [{ text: "{helpButton}", command: "/smart-help" }, { text: "{aboutButton}", command: "/smart-about" }],
                [{ text: "{languageButton}", command: "/smart-language" }]
              ],
              back: [[{ text: "{menuButton}", command: "/smart-menu" }]],
              languages: [
                [{ text: "English", command: "/smart-lang en" }, { text: "Español", command: "/smart-lang es" }],
                [{ text: "{menuButton}", command: "/smart-menu" }]
              ]
            };
            const smart = new SmartBot();
            smart.setupLng("en", { commands: commands,
              titles: { appTitle: "Tea shop", helpButton: "Help", aboutButton: "About", languageButton: "Language",
                menuButton: "Menu" },
              types: { keyboards: keyboards, texts: { menu: "{appTitle}\\nChoose an option.",
                help: "Choose a button below to return to {appTitle}.", about: "{appTitle} is a demonstration menu.",
                language: "Choose a language." } } });
            smart.setupLng("es", { commands: commands,
              titles: { appTitle: "Tienda de té", helpButton: "Ayuda", aboutButton: "Acerca de", languageButton: "Idioma",
                menuButton: "Menú" },
              types: { keyboards: keyboards, texts: { menu: "{appTitle}\\nElige una opción.",
                help: "Pulsa el botón para volver a {appTitle}.", about: "{appTitle} es un menú de demostración.",
                language: "Elige un idioma." } } });
            Bot.sendMessage("SmartBot languages saved. Send /smart-menu.");
            """;
    private static final String SCREEN = "if (!user || !chat) { return; }\nconst smart = new SmartBot();\nsmart.handle();";

    private JsonNode send(Bots.TestBot bot, long userId, String text) {
        return callAs(bot, userId, text, 200);
    }

    /** The texts of the messages the user got, oldest first. */
    private List<String> texts(Bots.TestBot bot, long userId) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : bot.getJson("/messages?user_id=" + userId).get("messages")) {
            texts.add(0, message.get("text").asString());
        }
        return texts;
    }

    @Test
    void aTwoLanguageMenuFromTemplatesWithAPerUserLanguage() {
        Bots.TestBot bot = bots.create("smart-menu").user(1, Map.of("telegramid", 111, "first_name", "Ann"))
                .user(2, Map.of("telegramid", 222, "first_name", "Bob"));
        bot.command("/setup", SETUP);
        for (String screen : List.of("/smart-menu", "/smart-help", "/smart-about", "/smart-language")) {
            bot.command(screen, SCREEN);
        }
        bot.command("/smart-lang", """
                if (!user || !chat) { return; }
                const language = String(params || "").trim();
                if (language !== "en" && language !== "es") { Bot.sendMessage("Use /smart-lang en or /smart-lang es."); return; }
                const smart = new SmartBot();
                smart.setUserLang(language);
                Bot.runCommand("/smart-menu");
                """);

        send(bot, 1, "/setup");
        assertThat(send(bot, 1, "/smart-menu").get("answer").asString()).isEqualTo("Tea shop\nChoose an option.");
        JsonNode menu = bot.getJson("/messages?user_id=1").get("messages").get(0);
        assertThat(menu.get("options").get("parse_mode").asString()).isEqualTo("HTML");
        assertThat(menu.get("options").get("reply_markup").get("inline_keyboard").toString()).isEqualTo(
                "[[{\"text\":\"Help\",\"callback_data\":\"/smart-help\"},{\"text\":\"About\",\"callback_data\":\"/smart-about\"}],"
                        + "[{\"text\":\"Language\",\"callback_data\":\"/smart-language\"}]]");
        assertThat(send(bot, 1, "/smart-help").get("answer").asString()).isEqualTo("Choose a button below to return to Tea shop.");

        assertThat(send(bot, 1, "/smart-lang es").get("answer").asString()).isEqualTo("Tienda de té\nElige una opción.");
        assertThat(send(bot, 1, "/smart-about").get("answer").asString()).isEqualTo("Tienda de té es un menú de demostración.");
        assertThat(send(bot, 2, "/smart-menu").get("answer").asString()).isEqualTo("Tea shop\nChoose an option.");
        assertThat(send(bot, 1, "/smart-lang fr").get("answer").asString()).isEqualTo("Use /smart-lang en or /smart-lang es.");
        assertThat(send(bot, 1, "/smart-menu").get("answer").asString()).isEqualTo("Tienda de té\nElige una opción.");
    }

    @Test
    void aQuantityDialogAsksAgainUntilTheReplyIsValid() {
        Bots.TestBot bot = bots.create("smart-quantity").user(1, Map.of("telegramid", 111, "first_name", "Ann"));
        bot.send("POST", "/commands", Map.of("name", "/quantity", "code", """
                /*CMD
                  command: /quantity
                  need_reply: true
                  answer: How many items? Enter a whole number from 1 to 10, or send /cancel.
                CMD*/
                if (!user || !chat || chat.chat_type !== "private") { return; }
                var dialog = new SmartAmountDialog({
                  min: 1, max: 10, curValue: 10, onlyInteger: true,
                  dialogErrors: {
                    invalid: "Enter a number using digits, for example 3.",
                    notInteger: "Enter a whole number, for example 3.",
                    zero: "No items are available.",
                    notEnough: "Choose no more than 10 items.",
                    small: "Choose at least 1 item.",
                    big: "Choose no more than 10 items."
                  }
                });
                var result = dialog.accept(String(message || "").trim());
                if (result !== true) {
                  Api.sendMessage({ text: String(result) });
                  Bot.runCommand("/quantity");
                  return;
                }
                User.setProp("demo_quantity", dialog.amount);
                Api.sendMessage({ text: "Saved quantity: " + dialog.amount });
                """)).expectStatus().isOk();

        send(bot, 1, "/quantity");
        for (String reply : List.of("hello", "2.5", "0", "11", "3")) {
            int before = texts(bot, 1).size();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                callAs(bot, 1, reply, 200);
                return texts(bot, 1).size() > before;
            });
        }
        assertThat(texts(bot, 1)).containsExactly(
                "How many items? Enter a whole number from 1 to 10, or send /cancel.",
                "Enter a number using digits, for example 3.",
                "How many items? Enter a whole number from 1 to 10, or send /cancel.",
                "Enter a whole number, for example 3.",
                "How many items? Enter a whole number from 1 to 10, or send /cancel.",
                "Choose at least 1 item.",
                "How many items? Enter a whole number from 1 to 10, or send /cancel.",
                "Choose no more than 10 items.",
                "How many items? Enter a whole number from 1 to 10, or send /cancel.",
                "Saved quantity: 3");
        assertThat(bot.getJson("/properties?user_id=1").toString()).contains("\"demo_quantity\"");
    }

    @Test
    void aChecklistKeepsEachUsersProgress() {
        Bots.TestBot bot = bots.create("smart-tasks").user(1, Map.of("telegramid", 111, "first_name", "Ann"))
                .user(2, Map.of("telegramid", 222, "first_name", "Bob"));
        String tasks = "var tasks = [{ id: \"intro\", title: \"Read the introduction\", amount: 1 },"
                + " { id: \"first-bot\", title: \"Create a test bot\", amount: 1 }];\n"
                + "var tasker = new SmartTasker({ name: \"help-checklist-v1\", tasks: tasks, smartBot: new SmartBot(), balance: 0 });\n";
        bot.command("/learn", "if (!user || !chat || chat.chat_type !== 'private') { return; }\n" + tasks + """
                var remaining = tasker.getTasksForWork();
                var done = tasks.length - remaining.length;
                if (remaining.length === 0) { Bot.sendMessage("All " + tasks.length + " learning steps are done."); return; }
                Bot.sendMessage("Learning checklist: " + done + "/" + tasks.length + " done.");
                """);
        bot.command("/learn-done", "if (!user || !chat || chat.chat_type !== 'private') { return; }\n" + tasks + """
                var taskId = String(params || "").trim();
                if (!tasks.some(function (task) { return task.id === taskId; })) { Bot.sendMessage("Unknown learning step."); return; }
                var execution = tasker.completeExecution(taskId);
                Bot.sendMessage((execution ? "Step saved." : "This step was already marked done.") + " " + tasker.balance);
                """);

        assertThat(send(bot, 1, "/learn").get("answer").asString()).isEqualTo("Learning checklist: 0/2 done.");
        assertThat(send(bot, 1, "/learn-done intro").get("answer").asString()).isEqualTo("Step saved. 1");
        assertThat(send(bot, 1, "/learn").get("answer").asString()).isEqualTo("Learning checklist: 1/2 done.");
        assertThat(send(bot, 1, "/learn-done intro").get("answer").asString()).isEqualTo("This step was already marked done. 0");
        assertThat(send(bot, 1, "/learn-done unknown").get("answer").asString()).isEqualTo("Unknown learning step.");
        assertThat(send(bot, 2, "/learn").get("answer").asString()).isEqualTo("Learning checklist: 0/2 done.");
        assertThat(send(bot, 1, "/learn-done first-bot").get("answer").asString()).isEqualTo("Step saved. 1");
        assertThat(send(bot, 1, "/learn").get("answer").asString()).isEqualTo("All 2 learning steps are done.");
        assertThat(bot.getJson("/properties?user_id=1").toString()).contains("SmartTasker.help-checklist-v1:completedTasks")
                .contains("totalReward");
    }
}
