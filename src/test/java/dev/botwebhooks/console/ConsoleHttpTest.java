package dev.botwebhooks.console;

import dev.botwebhooks.support.Bots.TestBot;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console's pages carry their security headers; the live tail is authorized, live and bounded. */
@TestPropertySource(properties = {"webhooks.call-stream.max-per-bot=1", "webhooks.call-stream.poll-interval=200ms",
        "webhooks.call-stream.heartbeat=1s"})
class ConsoleHttpTest extends EndToEndTest {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS = new ParameterizedTypeReference<>() {
    };

    @Test
    void servesTheConsoleWithAStrictContentSecurityPolicy() {
        for (String path : List.of("/console/", "/console/app.js", "/console/console.css")) {
            http.get().uri(path).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("Content-Security-Policy", ConsoleRoutes.CONTENT_SECURITY_POLICY)
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        }
        assertThat(ConsoleRoutes.CONTENT_SECURITY_POLICY).contains("script-src 'self';").doesNotContain("unsafe-inline");
        http.get().uri("/console").exchange().expectStatus().isPermanentRedirect().expectHeader().location("/console/");
    }

    @Test
    void refusesAStreamWithoutAValidToken() {
        TestBot bot = bots.create("stream-401");
        http.get().uri("/api/v1/bots/" + bot.id() + "/calls/stream").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/bots/" + bot.id() + "/calls/stream").header("Authorization", "Bearer wrong")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void streamsANewCallAndAnswers503PastTheCap() {
        TestBot bot = bots.create("stream-live").command("/hello", "Bot.sendMessage('hi')");
        List<ServerSentEvent<Map<String, Object>>> received = new CopyOnWriteArrayList<>();
        Disposable open = WebClient.create(baseUrl).get().uri("/api/v1/bots/" + bot.id() + "/calls/stream")
                .header("Authorization", "Bearer " + bot.apiKey()).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(EVENTS).subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> bot.get("/calls/stream").exchange()
                    .expectStatus().isEqualTo(503).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().exists("Retry-After"));
            http.post().uri(bot.localUrl(Map.of("command", "/hello"))).bodyValue("{}").exchange().expectStatus().isOk();
            await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(event -> "call".equals(event.event())));
            assertThat(received).filteredOn(event -> event.event() == null).allMatch(event -> "heartbeat".equals(event.comment()));
            ServerSentEvent<Map<String, Object>> event = received.stream().filter(e -> "call".equals(e.event())).findFirst().orElseThrow();
            assertThat(event.data()).containsEntry("command", "/hello").containsEntry("status", 200).containsKey("received_at");
        } finally {
            open.dispose();
        }
    }

    @Test
    void aStreamsSlotComesBackWhenItsClientLeaves() throws Exception {
        TestBot bot = bots.create("stream-slot");
        try (Socket first = openStream(bot)) {
            assertThat(statusLine(first)).startsWith("HTTP/1.1 200");
            // max-per-bot is 1 here: the open stream holds the bot's only slot.
            bot.get("/calls/stream").exchange().expectStatus().isEqualTo(503).expectHeader().exists("Retry-After");
        }
        // The client closed its connection without a word: the server must notice and give the slot back.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Socket next = openStream(bot)) {
                assertThat(statusLine(next)).startsWith("HTTP/1.1 200");
            }
        });
    }

    /** A raw connection, so that closing it is a client leaving mid-stream and nothing else. */
    private Socket openStream(TestBot bot) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /api/v1/bots/" + bot.id() + "/calls/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + bot.apiKey() + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String statusLine(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
}
