package dev.botwebhooks.scheduler;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.support.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * BB's broadcasts ({@code Bot.runAll}, {@code RunAllTask}) from its help pages "BJS broadcasts with Bot.runAll" and
 * "Bot functions", through real HTTP and PostgreSQL. Batches of two users, so that three users cross a batch.
 */
@TestPropertySource(properties = {"webhooks.run-all.batch-size=2", "webhooks.run-all.poll-interval=100ms"})
class RunAllTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final FakeTelegram telegram = FakeTelegram.instance();

    @Autowired
    DatabaseClient db;

    /** Three users, each a private chat: Ann (the admin, chat 111), Bob (222) and Cid (333). */
    private Bots.TestBot bot() {
        return bots.create("run-all").user(1, Map.of("telegramid", 111, "first_name", "Ann"))
                .user(2, Map.of("telegramid", 222, "first_name", "Bob"))
                .user(3, Map.of("telegramid", 333, "first_name", "Cid"))
                .command("/progress", """
                        var task = new RunAllTask({ id: params });
                        Bot.sendMessage(JSON.stringify({ status: task.status, progress: task.progress, total: task.total,
                          cur_position: task.cur_position, errors_count: task.errors_count }), { parse_mode: null });
                        """);
    }

    @Test
    void bbsCompleteBroadcastFlowReachesEveryUserAndTheTaskReadsFinished() {
        Bots.TestBot bot = bot();
        String token = bot.chatToken();
        // The help page's three commands, with the admin's Telegram id filled in.
        bot.command("/send-announcement", """
                const ADMIN_TELEGRAM_ID = "111";
                if (!user || !user.telegramid ||
                    String(user.telegramid) !== ADMIN_TELEGRAM_ID) {
                  return;
                }
                Bot.runAll({
                  command: "/announcement-item",
                  for_chats: "private-chats",
                  options: { text: "Our new help pages are available." },
                  on_create: "/announcement-created"
                });
                """)
                .command("/announcement-item", """
                        if (!options || !options.task || typeof options.text !== "string") { return; }
                        Bot.sendMessage(options.text, { parse_mode: null });
                        """)
                .command("/announcement-created", """
                        if (!options || !options.run_all_task) { return; }
                        Bot.sendMessage("Broadcast task created: " + options.run_all_task.id);
                        """);

        // Anyone but the admin is refused before a task is made.
        callAs(bot, 2, "/send-announcement", 200);
        assertThat(tasks(bot)).isZero();
        callAs(bot, 1, "/send-announcement", 200);

        await().atMost(PATIENCE).until(() -> textsTo(token, "Our new help pages are available.").size() == 3);
        assertThat(textsTo(token, "Our new help pages are available.")).containsExactlyInAnyOrder("111", "222", "333");
        List<FakeTelegram.Request> created = telegram.delivered(token).stream()
                .filter(r -> r.text().startsWith("Broadcast task created: ")).toList();
        assertThat(created).hasSize(1);
        assertThat(created.get(0).body().get("chat_id").asString()).isEqualTo("111");
        String taskId = created.get(0).text().substring("Broadcast task created: ".length());

        await().atMost(PATIENCE).until(() -> progress(bot, taskId).get("status").asString().equals("finished"));
        assertThat(progress(bot, taskId)).isEqualTo(Bots.json(
                "{\"status\":\"finished\",\"progress\":100,\"total\":3,\"cur_position\":3,\"errors_count\":0}"));
        assertThat(tasks(bot)).isEqualTo(1);
    }

    @Test
    void eachRunGetsTheTaskAndOnCreateGetsTheNewTask() {
        Bots.TestBot bot = bot()
                .command("/news", "Bot.runAll({ command: '/broadcast', options: { n: 7 }, on_create: 'on_new_task' })")
                .command("/broadcast", "User.setProperty('got', { n: options.n, task: options.task }, 'json')")
                .command("on_new_task", "Bot.setProperty('created', options.run_all_task, 'json')");

        callAs(bot, 1, "/news", 200);

        await().atMost(PATIENCE).until(() -> userProperty(bot, 3, "got") != null);
        JsonNode created = botProperty(bot, "created");
        assertThat(created.get("status").asString()).isEqualTo("new");
        assertThat(created.get("total").asLong()).isEqualTo(3);
        assertThat(created.get("cur_position").asLong()).isZero();
        assertThat(created.get("for_chats").asString()).isEqualTo("all");
        long taskId = created.get("id").asLong();
        for (long user = 1; user <= 3; user++) {
            long recipient = user;
            await().atMost(PATIENCE).until(() -> userProperty(bot, recipient, "got") != null);
            JsonNode got = userProperty(bot, user, "got");
            assertThat(got.get("n").asInt()).isEqualTo(7);
            assertThat(got.get("task").get("id").asLong()).isEqualTo(taskId);
            assertThat(got.get("task").get("cur_position").asLong()).isEqualTo(user);
            assertThat(got.get("task").get("total").asLong()).isEqualTo(3);
        }
        await().atMost(PATIENCE).until(() -> progress(bot, String.valueOf(taskId)).get("status").asString()
                .equals("finished"));
    }

    @Test
    void groupChatsHaveNoChatHereSoTheTaskFinishesWithTotalZero() {
        Bots.TestBot bot = bot()
                .command("/groups", "Bot.runAll({ command: '/item', for_chats: 'group-chats', on_create: '/created' })")
                .command("/item", "User.setProperty('got', true, 'boolean')")
                .command("/created", "Bot.setProperty('created', options.run_all_task, 'json')");

        callAs(bot, 1, "/groups", 200);

        await().atMost(PATIENCE).until(() -> botProperty(bot, "created") != null);
        JsonNode created = botProperty(bot, "created");
        assertThat(created.get("status").asString()).isEqualTo("finished");
        assertThat(created.get("total").asLong()).isZero();
        assertThat(progress(bot, created.get("id").asString())).isEqualTo(Bots.json(
                "{\"status\":\"finished\",\"progress\":100,\"total\":0,\"cur_position\":0,\"errors_count\":0}"));
        assertThat(userProperty(bot, 1, "got")).isNull();
        assertThat(jobs(bot, "SELECT count(*) AS n FROM scheduled_runs WHERE bot_id = :bot AND run_all_task_id IS NOT NULL"))
                .isZero();
    }

    @Test
    void aFailedRunCreatesNoTaskAndARunCreatesAtMostTen() {
        Bots.TestBot bot = bot().command("/item", "User.setProperty('got', true, 'boolean')")
                .command("/created", "Bot.setProperty('created', true, 'boolean')")
                .command("/fails", "Bot.runAll({ command: '/item', on_create: '/created' }); throw new Error('after')")
                .command("/ten", "for (var i = 0; i < 10; i++) { Bot.runAll({ command: '/item' }) }")
                .command("/eleven", "for (var i = 0; i < 11; i++) { Bot.runAll({ command: '/item' }) }");

        callAs(bot, 1, "/fails", 503);
        JsonNode tooMany = callAs(bot, 1, "/eleven", 503);
        assertThat(tooMany.get("error").asString()).isEqualTo("Bot.runAll limit exceeded: at most 10 tasks per run");
        assertThat(tasks(bot)).isZero();

        callAs(bot, 1, "/ten", 200);
        assertThat(tasks(bot)).isEqualTo(10);
        await().atMost(PATIENCE).until(() -> jobs(bot, "SELECT count(*) AS n FROM run_all_tasks WHERE bot_id = :bot "
                + "AND status = 'finished'") == 10);
        assertThat(jobs(bot, "SELECT count(*) AS n FROM scheduled_runs WHERE bot_id = :bot AND status = 'done'"))
                .isEqualTo(30);
        assertThat(botProperty(bot, "created")).isNull();
    }

    @Test
    void badArgumentsFailWithClearErrors() {
        Bots.TestBot bot = bot().command("/item", "Bot.sendMessage('item')");
        String tries = """
                function attempt(f) { try { f(); return "ok"; } catch (e) { return e.name + ": " + e.message; } }
                Bot.sendMessage([
                  attempt(function () { Bot.runAll(); }),
                  attempt(function () { Bot.runAll({}); }),
                  attempt(function () { Bot.runAll({ command: "/missing" }); }),
                  attempt(function () { Bot.runAll({ command: "/item", for_chats: "channels" }); }),
                  attempt(function () { Bot.runAll({ command: "/item", options: "text" }); }),
                  attempt(function () { Bot.runAll({ command: "/item", on_create: "/nope" }); }),
                  attempt(function () { new RunAllTask({ id: "abc" }); }),
                  String(new RunAllTask({ id: 987654321 }).status)
                ].join("\\n"));
                """;
        assertThat(answerOf(bot, tries).split("\n")).containsExactly(
                "TypeError: Bot.runAll expects an object: {command, for_chats, options, on_create}",
                "TypeError: Bot.runAll: command must be a command, e.g. \"/broadcast\", not undefined",
                "Error: Bot.runAll: unknown command /missing (command)",
                "TypeError: Bot.runAll: for_chats must be one of all, private-chats, group-chats, super-group-chats,"
                        + " not \"channels\"",
                "TypeError: Bot.runAll: options must be an object (each chat's run gets it, with options.task),"
                        + " not \"text\"",
                "Error: Bot.runAll: unknown command /nope (on_create)",
                "TypeError: RunAllTask expects {id: <task id>}, e.g. new RunAllTask({ id: options.run_all_task.id }),"
                        + " not the id \"abc\"",
                "undefined");
        assertThat(tasks(bot)).isZero();
    }

    @Test
    void aRecipientMayNotRunCommandsOrHttpAndItsFailuresAreTheTasksErrors() {
        Bots.TestBot bot = bot()
                .command("/news", "Bot.runAll({ command: '/item', on_create: '/created' })")
                .command("/created", "Bot.setProperty('task', options.run_all_task.id, 'integer')")
                .command("/other", "Bot.sendMessage('other')")
                .command("/item", """
                        var refused = [];
                        [function () { Bot.run({ command: '/other' }) }, function () { Bot.runCommand('/other') },
                         function () { HTTP.get({ url: 'https://example.com' }) },
                         function () { Bot.runAll({ command: '/other' }) }].forEach(function (f) {
                          try { f() } catch (e) { refused.push(e.message) }
                        });
                        User.setProperty('refused', refused, 'json');
                        if (user.id === 2) { throw new Error('Bob fails') }
                        """);

        callAs(bot, 1, "/news", 200);

        await().atMost(PATIENCE).until(() -> botProperty(bot, "task") != null);
        String taskId = botProperty(bot, "task").asString();
        await().atMost(PATIENCE).until(() -> progress(bot, taskId).get("status").asString().equals("finished"));
        assertThat(progress(bot, taskId).get("errors_count").asInt()).isEqualTo(1);
        JsonNode refused = userProperty(bot, 1, "refused");
        assertThat(refused).hasSize(4);
        assertThat(refused.get(0).asString()).isEqualTo("Bot.run cannot be used in a command that Bot.runAll runs for "
                + "each chat (as on BB): prepare what it needs before the task and pass it in the task's options");
        assertThat(refused.get(1).asString()).startsWith("Bot.runCommand cannot be used");
        assertThat(refused.get(2).asString()).startsWith("HTTP.get cannot be used");
        assertThat(refused.get(3).asString()).startsWith("Bot.runAll cannot be used");
        assertThat(userProperty(bot, 2, "refused")).isNull();
    }

    /** A recipient's Bot.clearRunAfter() clears Bot.run's jobs, not the broadcast's (its own batch-mate's, here). */
    @Test
    void aBlockedChatIsLeftOutAndClearRunAfterLeavesTheBroadcast() {
        Bots.TestBot bot = bot()
                .command("/block", "Bot.blockChat(333)")
                .command("/news", "Bot.runAll({ command: '/item', on_create: '/created' })")
                .command("/created", "Bot.setProperty('task', options.run_all_task.id, 'integer')")
                .command("/item", "if (user.id === 1) { Bot.clearRunAfter() } User.setProperty('got', true, 'boolean')");
        callAs(bot, 1, "/block", 200);

        callAs(bot, 1, "/news", 200);

        await().atMost(PATIENCE).until(() -> botProperty(bot, "task") != null);
        String taskId = botProperty(bot, "task").asString();
        await().atMost(PATIENCE).until(() -> progress(bot, taskId).get("status").asString().equals("finished"));
        assertThat(progress(bot, taskId)).isEqualTo(Bots.json(
                "{\"status\":\"finished\",\"progress\":100,\"total\":3,\"cur_position\":3,\"errors_count\":0}"));
        assertThat(userProperty(bot, 1, "got")).isNotNull();
        assertThat(userProperty(bot, 2, "got")).isNotNull();
        assertThat(userProperty(bot, 3, "got")).isNull();
    }

    /** The task as BJS reads it, through the bot's /progress command (as Ann). */
    private JsonNode progress(Bots.TestBot bot, String taskId) {
        return Bots.json(callAs(bot, 1, "/progress " + taskId, 200).get("answer").asString());
    }

    /** The chats a text was delivered to. */
    private List<String> textsTo(String token, String text) {
        return telegram.delivered(token).stream().filter(r -> text.equals(r.text()))
                .map(r -> r.body().get("chat_id").asString()).toList();
    }

    private long tasks(Bots.TestBot bot) {
        return jobs(bot, "SELECT count(*) AS n FROM run_all_tasks WHERE bot_id = :bot");
    }

    private long jobs(Bots.TestBot bot, String countQuery) {
        return db.sql(countQuery).bind("bot", bot.id()).map(row -> row.get("n", Long.class)).one().block();
    }

    private static JsonNode botProperty(Bots.TestBot bot, String name) {
        return property(bot.getJson("/properties"), name);
    }

    private static JsonNode userProperty(Bots.TestBot bot, long userId, String name) {
        return property(bot.getJson("/properties?user_id=" + userId), name);
    }

    private static JsonNode property(JsonNode list, String name) {
        for (JsonNode property : list.get("properties")) {
            if (property.get("name").asString().equals(name)) {
                return property.get("value");
            }
        }
        return null;
    }
}
