package dev.botwebhooks.call;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls past the retention (30 days by default) are deleted by the sweep; younger ones stay. */
class CallLogRetentionTest extends EndToEndTest {

    @Autowired
    CallLogRetention retention;
    @Autowired
    DatabaseClient db;

    @Test
    void theSweepDeletesCallsOlderThanTheRetentionAndKeepsTheRest() {
        Bots.TestBot bot = bots.create("retention").command("/n", "Bot.sendMessage(content)");
        for (String content : new String[] {"old", "new"}) {
            http.get().uri(bot.localUrl(Map.of("command", "/n", "content", content))).exchange().expectStatus().isOk();
        }
        long oldCall = bot.getJson("/calls").get("calls").get(1).get("id").asLong();
        db.sql("UPDATE webhook_calls SET received_at = now() - interval '31 days' WHERE id = :id")
                .bind("id", oldCall).fetch().rowsUpdated().block(Duration.ofSeconds(10));

        retention.sweep().as(StepVerifier::create)
                .assertNext(deleted -> assertThat(deleted).isGreaterThanOrEqualTo(1))
                .verifyComplete();

        assertThat(bot.getJson("/calls").get("calls")).singleElement()
                .satisfies(call -> assertThat(call.get("response_body").asString()).contains("new"));
        bot.get("/calls/" + oldCall).exchange().expectStatus().isNotFound();
    }
}
