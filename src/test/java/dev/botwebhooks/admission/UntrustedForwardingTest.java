package dev.botwebhooks.admission;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** With the default configuration no proxy is trusted: forwarding headers are the caller's own words. */
class UntrustedForwardingTest extends EndToEndTest {

    @Test
    void forwardingHeadersFromAnUntrustedConnectionAreIgnored() {
        Bots.TestBot bot = bots.create("ip").command("/ip", "Bot.sendMessage(options.ip)");

        http.get().uri(bot.localUrl(Map.of("command", "/ip")))
                .header("X-Forwarded-For", "203.0.113.9").header("Forwarded", "for=203.0.113.10")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.answer").isEqualTo("127.0.0.1");
    }
}
