package dev.botwebhooks.admission;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.TightLimitsEndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Admission over HTTP, after the URL signature: allowlist 403, ban filter 429, rate limit 429, each counted. */
class AdmissionEndToEndTest extends TightLimitsEndToEndTest {

    @Test
    void theClientAddressIsTheRightmostHopThatIsNotATrustedProxy() {
        Bots.TestBot bot = bots.create("ip").command("/ip", "Bot.sendMessage(options.ip)");
        URI url = bot.localUrl(Map.of("command", "/ip"));

        answer(url, "1.1.1.1, 203.0.113.9, 127.0.0.1").expectStatus().isOk().expectBody()
                .jsonPath("$.answer").isEqualTo("203.0.113.9");
        http.get().uri(url).header("Forwarded", "for=\"[2001:db8::5]:443\"").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.answer").isEqualTo("2001:db8::5");
    }

    @Test
    void rejectsUnlistedIpWith403AndAdmitsListedIpv4AndIpv6() {
        Bots.TestBot bot = bots.create("allowlist").command("/pay", "Bot.sendMessage('paid')");
        bot.send("PATCH", "", Map.of("allowed_ips", List.of("203.0.113.0/24", "2001:db8::/32")))
                .expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/pay"));
        double before = rejections("ip_not_allowed");

        answer(url, "203.0.113.77").expectStatus().isOk();
        answer(url, "2001:db8:1::1").expectStatus().isOk();
        answer(url, "203.0.114.1").expectStatus().isForbidden().expectBody().jsonPath("$.error").exists();
        answer(url, "2001:db9::1").expectStatus().isForbidden();
        http.get().uri(url).exchange().expectStatus().isForbidden();

        assertThat(rejections("ip_not_allowed") - before).isEqualTo(3);
        assertThat(bot.getJson("/calls").get("calls")).hasSize(2);
    }

    @Test
    void anAddressOverTheBanThresholdOfBadRequestsGets429WithRetryAfterOnEveryBot() {
        Bots.TestBot first = bots.create("ban-a").command("/pay", "Bot.sendMessage('paid')");
        Bots.TestBot second = bots.create("ban-b").command("/pay", "Bot.sendMessage('paid')");
        URI firstUrl = first.localUrl(Map.of("command", "/pay"));
        URI secondUrl = second.localUrl(Map.of("command", "/pay"));
        String address = "192.0.2.55";
        double before = rejections("banned");

        answer(tampered(firstUrl), address).expectStatus().isNotFound();
        answer(URI.create(baseUrl + "/v1/bots/999999999/new-webhook?command=%2Fpay&sig=AAAA"), address)
                .expectStatus().isNotFound();
        http.put().uri(secondUrl).header("X-Forwarded-For", address).exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        answer(URI.create(firstUrl + "&command=%2Fpay"), address).expectStatus().isBadRequest();
        // Four bad requests: under the threshold of five.
        answer(firstUrl, address).expectStatus().isOk();

        answer(tampered(secondUrl), address).expectStatus().isNotFound();
        // The sixth bad request, which bans the address, is answered as usual.
        answer(tampered(secondUrl), address).expectStatus().isNotFound();
        answer(firstUrl, address).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "60");
        answer(secondUrl, address).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().value("Retry-After", value -> assertThat(Integer.parseInt(value)).isBetween(1, 60));
        answer(firstUrl, "192.0.2.56").expectStatus().isOk();

        assertThat(rejections("banned") - before).isEqualTo(2);
    }

    @Test
    void answeredRequestsNeverCountTowardABanHoweverMany() {
        Bots.TestBot busy = bots.create("busy").command("/pay", "Bot.sendMessage('paid')");
        Bots.TestBot limited = bots.create("limited-busy").command("/pay", "Bot.sendMessage('paid')");
        limited.send("PATCH", "", Map.of("rate_limit", Map.of("per_second", 0.001, "burst", 1))).expectStatus().isOk();
        URI url = busy.localUrl(Map.of("command", "/pay"));
        URI limitedUrl = limited.localUrl(Map.of("command", "/pay"));
        String address = "192.0.2.60";
        double before = rejections("banned");

        for (int i = 0; i < BAN_THRESHOLD * 10; i++) {
            answer(url, address).expectStatus().isOk();
        }
        answer(limitedUrl, address).expectStatus().isOk();
        for (int i = 0; i < BAN_THRESHOLD * 2; i++) {
            answer(limitedUrl, address).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                    .expectBody().jsonPath("$.error").isEqualTo("rate limit of this bot exceeded");
        }
        answer(url, address).expectStatus().isOk();

        assertThat(rejections("banned") - before).isZero();
    }

    @Test
    void addressesOnTheBotsOrTheGlobalWhiteListAreNeverBanned() {
        Bots.TestBot bot = bots.create("exempt").command("/pay", "Bot.sendMessage('paid')");
        bot.send("PATCH", "", Map.of("ban_exempt_ips", List.of("192.0.2.77"))).expectStatus().isOk();
        URI url = bot.localUrl(Map.of("command", "/pay"));

        for (int i = 0; i < BAN_THRESHOLD * 2; i++) {
            answer(tampered(url), "192.0.2.77").expectStatus().isNotFound();
            answer(tampered(url), GLOBALLY_EXEMPT).expectStatus().isNotFound();
        }
        answer(url, "192.0.2.77").expectStatus().isOk();
        answer(url, GLOBALLY_EXEMPT).expectStatus().isOk();
    }

    @Test
    void aBotWithoutARateLimitOfItsOwnIsNotRateLimited() {
        Bots.TestBot bot = bots.create("unlimited").command("/pay", "Bot.sendMessage('paid')");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        double before = rejections("rate_limited");

        // More than the 200-request burst that bots got by default before.
        for (int i = 0; i < 250; i++) {
            answer(url, "192.0.2.61").expectStatus().isOk();
        }
        assertThat(rejections("rate_limited") - before).isZero();
    }

    @Test
    void aBotOverItsRateLimitGets429WithRetryAfterInWholeSeconds() {
        Bots.TestBot limited = bots.create("limited").command("/pay", "Bot.sendMessage('paid')");
        Bots.TestBot other = bots.create("other").command("/pay", "Bot.sendMessage('paid')");
        limited.send("PATCH", "", Map.of("rate_limit", Map.of("per_second", 0.2, "burst", 2))).expectStatus().isOk();
        URI url = limited.localUrl(Map.of("command", "/pay"));
        double before = rejections("rate_limited");

        http.get().uri(url).exchange().expectStatus().isOk();
        http.get().uri(url).exchange().expectStatus().isOk();
        http.get().uri(url).exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().value("Retry-After", value -> assertThat(Integer.parseInt(value)).isBetween(1, 5))
                .expectBody().jsonPath("$.error").isEqualTo("rate limit of this bot exceeded");
        http.get().uri(other.localUrl(Map.of("command", "/pay"))).exchange().expectStatus().isOk();

        assertThat(rejections("rate_limited") - before).isEqualTo(1);
    }

    @Test
    void theAdminApiRefusesWhatIsNotAnAddressOrCidr() {
        Bots.TestBot bot = bots.create("settings");

        for (String bad : List.of("10.0.0.0/33", "1.2.3", "2001:db8::/129", "1.2.3.*", "example.com")) {
            bot.send("PATCH", "", Map.of("allowed_ips", List.of(bad))).expectStatus().isBadRequest();
        }
        bot.send("PATCH", "", Map.of("ban_exempt_ips", List.of("2001:db8::/48", "::ffff:192.0.2.1", "192.0.2.0/24")))
                .expectStatus().isOk();
    }

    /** {@code url} with its signature broken. */
    private static URI tampered(URI url) {
        return URI.create(url.toString().replace("command=", "command=x"));
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec answer(URI url, String client) {
        return http.get().uri(url).header("X-Forwarded-For", client).exchange();
    }
}
