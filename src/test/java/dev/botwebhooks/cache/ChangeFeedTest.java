package dev.botwebhooks.cache;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changes written straight to PostgreSQL, as another replica would, reach this replica's caches within a
 * second. The TTLs are a minute here, so only the notifications can make these tests pass.
 */
@TestPropertySource(properties = {"webhooks.cache.bot-ttl=1m", "webhooks.cache.data-ttl=1m", "webhooks.cache.listen=true"})
class ChangeFeedTest extends EndToEndTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    @Autowired
    DatabaseClient db;

    @Autowired
    ChangeFeed feed;

    @Test
    void aWebhookSecretRotatedElsewhereIsRefusedWithinASecond() {
        Bots.TestBot bot = bots.create("rotated").command("/pay", "Bot.sendMessage('paid')");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        assertThat(status(url)).isEqualTo(200);

        sql("UPDATE bots SET webhook_secret = decode(md5(random()::text), 'hex') WHERE id = " + bot.id());

        measure("rotated webhook secret", () -> status(url) == 404);
    }

    @Test
    void aCommandSavedElsewhereRunsWithinASecond() {
        Bots.TestBot bot = bots.create("saved").command("/pay", "Bot.sendMessage('old')");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        assertThat(answer(url)).isEqualTo("old");

        sql("UPDATE commands SET code = 'Bot.sendMessage(''new'')', version = nextval('command_versions') "
                + "WHERE bot_id = " + bot.id() + " AND name = '/pay'");

        measure("saved command", () -> "new".equals(answer(url)));
    }

    @Test
    void settingsChangedElsewhereApplyWithinASecond() {
        Bots.TestBot bot = bots.create("settings").command("/pay", "Bot.sendMessage('paid')");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        assertThat(status(url)).isEqualTo(200);

        sql("UPDATE bots SET settings = '{\"allowed_ips\": [\"203.0.113.0/24\"]}' WHERE id = " + bot.id());

        measure("changed settings", () -> status(url) == 403);
    }

    @Test
    void aUserChangedElsewhereIsSeenWithinASecond() {
        Bots.TestBot bot = bots.create("user").user(5, Map.of("first_name", "Ann"))
                .command("/who", "Bot.sendMessage(user.first_name)");
        URI url = bot.localUrl(Map.of("command", "/who", "user_id", 5));
        assertThat(answer(url)).isEqualTo("Ann");

        sql("UPDATE users SET data = '{\"first_name\": \"Bob\"}' WHERE bot_id = " + bot.id() + " AND id = 5");

        measure("changed user", () -> "Bob".equals(answer(url)));
    }

    @Test
    void aBotDeletedElsewhereIsGoneWithinASecond() {
        // Not among the bots deleted after the test: this test deletes it.
        Bots.TestBot bot = new Bots(http, baseUrl).create("deleted").command("/pay", "Bot.sendMessage('paid')");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        assertThat(status(url)).isEqualTo(200);

        sql("DELETE FROM bots WHERE id = " + bot.id());

        measure("deleted bot", () -> status(url) == 404);
    }

    @Test
    void whatChangedWhileNotListeningIsForgottenWhenListeningAgain() {
        Bots.TestBot bot = bots.create("offline").command("/pay", "Bot.sendMessage('old')");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        assertThat(answer(url)).isEqualTo("old");

        feed.stop();
        try {
            sql("UPDATE commands SET code = 'Bot.sendMessage(''new'')', version = nextval('command_versions') "
                    + "WHERE bot_id = " + bot.id() + " AND name = '/pay'");
            assertThat(answer(url)).as("cached, and nobody told this replica").isEqualTo("old");
        } finally {
            feed.start();
        }

        await().atMost(Duration.ofSeconds(5)).until(feed::listening);
        assertThat(answer(url)).isEqualTo("new");
    }

    @Test
    void aDroppedListeningConnectionIsReplacedAndChangesFlowAgain() {
        Bots.TestBot bot = bots.create("dropped").command("/pay", "Bot.sendMessage('paid')");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        assertThat(status(url)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(feed::listening);
        double reconnects = meters.counter("cache.changes.reconnects").count();

        // Every listener of this database, which includes this replica's.
        db.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND application_name = :name")
                .bind("name", ChangeFeed.APPLICATION_NAME).fetch().all().collectList().block();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> meters.counter("cache.changes.reconnects").count() > reconnects && feed.listening());
        sql("UPDATE bots SET webhook_secret = decode(md5(random()::text), 'hex') WHERE id = " + bot.id());
        measure("rotation after a reconnection", () -> status(url) == 404);
    }

    private void sql(String statement) {
        db.sql(statement).fetch().rowsUpdated().block();
    }

    /** Waits at most a second for {@code changed}, and prints how long it took. */
    private static void measure(String what, BooleanSupplier changed) {
        long start = System.nanoTime();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(10)).until(changed::getAsBoolean);
        System.out.printf("change feed: %s took effect after %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    }

    private int status(URI url) {
        return http.get().uri(url).exchange().returnResult(String.class).getStatus().value();
    }

    private String answer(URI url) {
        String body = http.get().uri(url).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        return Bots.json(body).get("answer").asString();
    }
}
