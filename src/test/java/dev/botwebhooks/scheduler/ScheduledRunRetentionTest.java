package dev.botwebhooks.scheduler;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs that finished more than the retention (30 days by default) ago are deleted by the sweep; the rest stay. */
class ScheduledRunRetentionTest extends EndToEndTest {

    @Autowired
    ScheduledRunRetention retention;
    @Autowired
    DatabaseClient db;

    @Test
    void theSweepDeletesOldFinishedJobsAndKeepsRecentAndPendingOnes() {
        Bots.TestBot bot = bots.create("job-retention").command("/noop", "Bot.sendMessage('x')");
        bot.command("/schedule", "Bot.run({command: '/noop'}); Bot.run({command: '/noop'});"
                + " Bot.run({command: '/noop', run_after: 3600})");
        http.get().uri(bot.localUrl(Map.of("command", "/schedule"))).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(15)).until(() -> count(bot, "done") == 2);
        long old = runs(bot).findValuesAsString("id").stream().map(Long::parseLong).filter(id -> status(bot, id).equals("done"))
                .findFirst().orElseThrow();
        db.sql("UPDATE scheduled_runs SET finished_at = now() - interval '31 days' WHERE id = :id")
                .bind("id", old).fetch().rowsUpdated().block(Duration.ofSeconds(10));

        retention.sweep().as(StepVerifier::create)
                .assertNext(deleted -> assertThat(deleted).isGreaterThanOrEqualTo(1))
                .verifyComplete();

        assertThat(count(bot, "done")).isEqualTo(1);
        assertThat(count(bot, "pending")).isEqualTo(1);
    }

    private JsonNode runs(Bots.TestBot bot) {
        return bot.getJson("/scheduled-runs").get("scheduled_runs");
    }

    private String status(Bots.TestBot bot, long id) {
        for (JsonNode run : runs(bot)) {
            if (run.get("id").asLong() == id) {
                return run.get("status").asString();
            }
        }
        return "";
    }

    private long count(Bots.TestBot bot, String status) {
        long n = 0;
        for (JsonNode run : runs(bot)) {
            if (run.get("status").asString().equals(status)) {
                n++;
            }
        }
        return n;
    }
}
