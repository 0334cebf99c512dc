package dev.botwebhooks.admin;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * BB's Admin Panels, from its "Create an Admin Panel with BJS" page: the bot defines a panel, the owner fills it
 * through the admin API (BB's app form), the bot reads the values, and the panel's on_saving command runs.
 */
class AdminPanelTest extends EndToEndTest {

    private static final String SETUP = """
            AdminPanel.setPanel({
              panel_name: "welcome",
              data: {
                title: "Welcome settings",
                description: "Text used by the welcome command.",
                index: 0,
                button_title: "Save",
                on_saving: { command: "/refresh-welcome" },
                fields: [
                  { name: "welcome_text", title: "Welcome message", type: "string", value: "Welcome!" },
                  { name: "show_help", title: "Show the help command", type: "checkbox", value: true },
                  { name: "api_key", title: "Provider key", type: "password" },
                  { name: "bonus", title: "Bonus", type: "integer", value: 5 }
                ]
              }
            });
            Bot.sendMessage("Open Admin Panel in the app to edit the welcome settings.");
            """;

    private JsonNode call(Bots.TestBot bot, String command, int status) {
        return Bots.json(http.get().uri(bot.localUrl(Map.of("command", command, "user_id", 1))).exchange()
                .expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody());
    }

    private Bots.TestBot bot() {
        Bots.TestBot bot = bots.create("panels").user(1, Map.of("telegramid", 111, "first_name", "Ann"));
        bot.command("/setup-panel", SETUP);
        bot.command("/welcome", """
                var greeting = AdminPanel.getFieldValue({ panel_name: "welcome", field_name: "welcome_text" });
                var values = AdminPanel.getPanelValues("welcome");
                Bot.sendMessage(greeting + " " + values.show_help + " " + values.bonus + " " + values.api_key + " "
                  + JSON.stringify(AdminPanel.getPanelValues("missing")) + " "
                  + AdminPanel.getPanelField({ panel_name: "welcome", field_name: "bonus" }).title);
                """);
        bot.command("/refresh-welcome", "Bot.setProperty('refreshed', options.panel_name + ':' + options.values.welcome_text,"
                + " 'string')");
        return bot;
    }

    @Test
    void theOwnerFillsAPanelTheBotDefinedAndTheBotReadsIt() {
        Bots.TestBot bot = bot();
        call(bot, "/setup-panel", 200);
        assertThat(call(bot, "/welcome", 200).get("answer").asString())
                .isEqualTo("Welcome! true 5 undefined {} Bonus");

        JsonNode panels = bot.getJson("/admin-panels").get("panels");
        assertThat(panels).hasSize(1);
        assertThat(panels.get(0).get("panel_name").asString()).isEqualTo("welcome");
        assertThat(panels.get(0).get("title").asString()).isEqualTo("Welcome settings");

        JsonNode filled = Bots.json(bot.send("PATCH", "/admin-panels/welcome",
                        Map.of("values", Map.of("welcome_text", "Hello again!", "api_key", "sk_live_1", "bonus", 7)))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(filled.get("fields").get(2).get("value").asString()).isEqualTo("***");
        assertThat(call(bot, "/welcome", 200).get("answer").asString())
                .isEqualTo("Hello again! true 7 sk_live_1 {} Bonus");
        await().atMost(Duration.ofSeconds(15)).until(() -> bot.getJson("/properties").toString()
                .contains("welcome:Hello again!"));

        // Defining the panel again keeps the owner's values; force resets them; setFieldValue changes one.
        call(bot, "/setup-panel", 200);
        assertThat(call(bot, "/welcome", 200).get("answer").asString()).startsWith("Hello again! true 7");
        bot.command("/reset", SETUP.replace("panel_name: \"welcome\",", "panel_name: \"welcome\", force: true,")
                + "\nBot.sendMessage(AdminPanel.setFieldValue({ panel_name: 'welcome', field_name: 'bonus', value: 9 })"
                + " + ' ' + AdminPanel.setFieldValue({ panel_name: 'welcome', field_name: 'nope', value: 1 }))");
        assertThat(call(bot, "/reset", 200).get("answer").asString()).isEqualTo("true false");
        assertThat(call(bot, "/welcome", 200).get("answer").asString()).startsWith("Welcome! true 9 undefined");
    }

    @Test
    void aFillThePanelDoesNotTakeIsRefusedAndChangesNothing() {
        Bots.TestBot bot = bot();
        call(bot, "/setup-panel", 200);
        bot.send("PATCH", "/admin-panels/nope", Map.of("values", Map.of("a", "b"))).expectStatus().isNotFound();
        bot.send("PATCH", "/admin-panels/welcome", Map.of("values", Map.of("colour", "red"))).expectStatus().isBadRequest();
        bot.send("PATCH", "/admin-panels/welcome", Map.of("values", Map.of("bonus", 1.5))).expectStatus().isBadRequest();
        bot.send("PATCH", "/admin-panels/welcome", Map.of("values", Map.of("show_help", "yes"))).expectStatus().isBadRequest();
        bot.send("PATCH", "/admin-panels/welcome", Map.of("value", Map.of("bonus", 1))).expectStatus().isBadRequest();
        bot.send("PATCH", "/admin-panels/welcome", Map.of("values", Map.of("welcome_text", "x".repeat(70_000))))
                .expectStatus().isBadRequest();
        assertThat(call(bot, "/welcome", 200).get("answer").asString()).isEqualTo("Welcome! true 5 undefined {} Bonus");

        bot.command("/bad", "AdminPanel.setPanel({ panel_name: 'p', data: { fields: [{ name: 'a', type: 'colour' }] } })");
        assertThat(call(bot, "/bad", 503).get("error").asString()).contains("types: string, text, integer, float");
    }
}
