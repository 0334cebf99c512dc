package dev.botwebhooks.outbound;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP from scripts through real HTTP: a payment command confirms an invoice with its provider's API and
 * the callback command answers from the response; internal addresses are refused after DNS and on every
 * redirect; each bound is crossed.
 */
class ScriptHttpTest extends EndToEndTest {

    /** The callback stores what it got, so the test can read it through the admin API. */
    private static final String RECORD_CALLBACK = "Bot.setProp('got', {status: http_status, content: content, "
            + "error: options.error || null, cookies: cookies, type: (http_headers['content-type'] || null)}, 'json')";

    private ProviderApi provider;

    @BeforeEach
    void startProvider() {
        provider = new ProviderApi();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private Bots.TestBot botCalling(String request) {
        return bots.create("payments").command("/pay", request)
                .command("/onDone", RECORD_CALLBACK).command("/onFail", RECORD_CALLBACK);
    }

    private void callWebhook(Bots.TestBot bot, int expectedStatus) {
        URI url = bot.localUrl(Map.of("command", "/pay"));
        http.post().uri(url).bodyValue("{\"invoice\": 7}").exchange().expectStatus().isEqualTo(expectedStatus);
    }

    private JsonNode awaitCallback(Bots.TestBot bot) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !bot.getJson("/properties").get("properties").isEmpty());
        return bot.getJson("/properties").get("properties").get(0).get("value");
    }

    private double outcome(String outcome) {
        Counter counter = meters.find("script.http.requests").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aPaymentCommandConfirmsTheInvoiceAndTheCallbackAnswersFromTheResponse() {
        double before = outcome("success");
        Bots.TestBot bot = botCalling("var order = JSON.parse(content);\n"
                + "HTTP.post({url: '" + provider.url("/confirm") + "', params: {order: order.invoice},"
                + " body: {invoice: order.invoice}, headers: {'X-Api-Key': 'k1'}, success: '/onDone', error: '/onFail'});\n"
                + "Bot.sendMessage('confirming');");

        callWebhook(bot, 200);
        JsonNode got = awaitCallback(bot);

        assertThat(got.get("status").asInt()).isEqualTo(200);
        assertThat(got.get("content").asString()).isEqualTo("{\"state\":\"paid\"}");
        assertThat(got.get("cookies").asString()).isEqualTo("session=1");
        ProviderApi.Received sent = provider.received.get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.query()).isEqualTo("order=7");
        assertThat(sent.body()).isEqualTo("{\"invoice\":7}");
        assertThat(sent.contentType()).isEqualTo("application/json");
        assertThat(sent.apiKey()).isEqualTo("k1");
        assertThat(outcome("success")).isEqualTo(before + 1);
        JsonNode calls = bot.getJson("/calls").get("calls");
        assertThat(calls.get(0).get("command").asString()).isEqualTo("/onDone");
        assertThat(calls.get(0).get("origin").asString()).isEqualTo("bot_run");
    }

    @Test
    void aFailedRunSendsNothing() {
        Bots.TestBot bot = botCalling("HTTP.get({url: '" + provider.url("/confirm?first") + "', success: '/onDone'});\n"
                + "throw new Error('out of stock');");
        callWebhook(bot, 503);
        bot.command("/pay", "HTTP.get({url: '" + provider.url("/confirm?second") + "', success: '/onDone'});");
        callWebhook(bot, 200);

        awaitCallback(bot);
        assertThat(provider.received).extracting(ProviderApi.Received::query).containsExactly("second");
    }

    @Test
    void anErrorStatusRunsTheErrorCommand() {
        Bots.TestBot bot = botCalling("HTTP.get({url: '" + provider.url("/status/500") + "', success: '/onDone', error: '/onFail'});");
        callWebhook(bot, 200);

        JsonNode got = awaitCallback(bot);
        assertThat(got.get("status").asInt()).isEqualTo(500);
        assertThat(bot.getJson("/calls").get("calls").get(0).get("command").asString()).isEqualTo("/onFail");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:1/",               // loopback outside the allowed 127.0.0.3
            "http://localhost:1/",               // a name that resolves to it
            "http://169.254.169.254/latest/meta-data/",
            "http://[::ffff:169.254.169.254]/latest/meta-data/",
            "http://[::1]:1/",
            "http://10.0.0.1/",
            "http://[fd00:ec2::254]/",
            "http://224.0.0.1/"})
    void internalAddressesAreRefusedWithNothingSent(String url) {
        double before = outcome("blocked");
        Bots.TestBot bot = botCalling("HTTP.get({url: '" + url + "', error: '/onFail'});");
        callWebhook(bot, 200);

        JsonNode got = awaitCallback(bot);
        assertThat(got.get("status").asInt()).isZero();
        assertThat(got.get("error").asString()).startsWith("address not allowed");
        assertThat(outcome("blocked")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:1/", "http://169.254.169.254/latest/meta-data/", "http://localhost:1/"})
    void aRedirectToAnInternalAddressIsRefused(String target) {
        String redirect = provider.url("/redirect?to=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        Bots.TestBot bot = botCalling("HTTP.get({url: '" + redirect + "', folow_redirects: true, error: '/onFail'});");
        callWebhook(bot, 200);

        JsonNode got = awaitCallback(bot);
        assertThat(got.get("error").asString()).startsWith("address not allowed");
        assertThat(provider.received).hasSize(1);
    }

    @Test
    void redirectsAreFollowedOnlyWhenAskedAndOnlySoFar() {
        String redirect = provider.url("/redirect?to=" + URLEncoder.encode(provider.url("/confirm"), StandardCharsets.UTF_8));
        Bots.TestBot followed = botCalling("HTTP.get({url: '" + redirect + "', folow_redirects: true, success: '/onDone'});");
        callWebhook(followed, 200);
        assertThat(awaitCallback(followed).get("content").asString()).isEqualTo("{\"state\":\"paid\"}");

        Bots.TestBot notFollowed = botCalling("HTTP.get({url: '" + redirect + "', success: '/onDone'});");
        callWebhook(notFollowed, 200);
        assertThat(awaitCallback(notFollowed).get("status").asInt()).isEqualTo(302);

        double before = outcome("too_many_redirects");
        Bots.TestBot looping = botCalling("HTTP.get({url: '" + provider.url("/loop") + "', folow_redirects: true, error: '/onFail'});");
        callWebhook(looping, 200);
        assertThat(awaitCallback(looping).get("error").asString()).isEqualTo("more than 2 redirects");
        assertThat(outcome("too_many_redirects")).isEqualTo(before + 1);
    }

    @Test
    void aResponseOverTheBoundAndASlowServerFailTheRequest() {
        Bots.TestBot big = botCalling("HTTP.get({url: '" + provider.url("/big") + "', error: '/onFail'});");
        callWebhook(big, 200);
        assertThat(awaitCallback(big).get("error").asString()).isEqualTo("the response is over 64 KB");

        double timeouts = outcome("timeout");
        Bots.TestBot slow = botCalling("HTTP.get({url: '" + provider.url("/slow") + "', error: '/onFail'});");
        callWebhook(slow, 200);
        assertThat(awaitCallback(slow).get("error").asString()).isEqualTo("no answer within the timeout");
        assertThat(outcome("timeout")).isEqualTo(timeouts + 1);
    }

    @Test
    void oneBotHasAtMostItsShareOfRequestsInFlight() {
        Bots.TestBot bot = botCalling("for (var i = 0; i < 5; i++) { HTTP.get({url: '" + provider.url("/hold") + "'}); }");
        callWebhook(bot, 200);

        await().atMost(Duration.ofSeconds(10)).until(() -> provider.holding.get() == 2);
        // Two stay held past several polls; a third never starts meanwhile.
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(provider.mostHeldAtOnce.get()).isEqualTo(2);
        provider.releaseHeld();
        await().atMost(Duration.ofSeconds(10)).until(() -> provider.received.size() == 5);
    }

    @Test
    void aRunPastTheRequestBoundFailsAndSendsNothing() {
        Bots.TestBot bot = botCalling("for (var i = 0; i < 11; i++) { HTTP.get({url: '" + provider.url("/confirm") + "'}); }");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        http.post().uri(url).bodyValue("{}").exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").value(error -> assertThat((String) error)
                        .contains("HTTP request limit exceeded: at most 10 requests per run"));
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(provider.received).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "HTTP.get({url: 'ftp://example.com/x'})",
            "HTTP.get({url: 'file:///etc/passwd'})",
            "HTTP.get('https://example.com')",
            "HTTP.post({url: 'https://example.com', body: 'x'.repeat(262145)})",
            "HTTP.get({url: 'https://example.com', headers: {'X-A': 'a\\r\\nX-B: b'}})",
            "HTTP.get({url: 'https://example.com', success: 42})"})
    void badArgumentsAreTheScriptsErrorAndNothingIsStored(String code) {
        Bots.TestBot bot = botCalling(code);
        URI url = bot.localUrl(Map.of("command", "/pay"));
        http.post().uri(url).bodyValue("{}").exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").value(error -> assertThat((String) error).startsWith("TypeError: HTTP."));
    }
}
