package dev.botwebhooks.ingress;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** webhooks.access-log.enabled on a real Reactor Netty server: one line per request without its query, or none. */
class AccessLogTest {

    private final Logger accessLogger = (Logger) LoggerFactory.getLogger("reactor.netty.http.server.AccessLog");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private DisposableServer server;

    @BeforeEach
    void capture() {
        lines.start();
        accessLogger.addAppender(lines);
    }

    @AfterEach
    void release() {
        accessLogger.detachAppender(lines);
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void whenEnabledEachRequestIsOneLineWithoutTheSignedQuery() throws Exception {
        start(true);
        assertThat(get("/v1/bots/7/new-webhook?command=%2Fok&sig=secret-signature")).isEqualTo(200);
        assertThat(get("/missing")).isEqualTo(404);

        await().atMost(Duration.ofSeconds(5)).until(() -> lines.list.size() == 2);
        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages.get(0)).matches("127\\.0\\.0\\.1 \"GET /v1/bots/7/new-webhook HTTP/1\\.1\" 200 2 \\d+ms");
        assertThat(messages.get(1)).matches("127\\.0\\.0\\.1 \"GET /missing HTTP/1\\.1\" 404 0 \\d+ms");
        assertThat(String.join("\n", messages)).doesNotContain("secret-signature", "command=");
    }

    @Test
    void whenDisabledNothingIsLogged() throws Exception {
        start(false);
        assertThat(get("/v1/bots/7/new-webhook?sig=x")).isEqualTo(200);
        // Nothing logged, and still nothing for a while after the answer.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(lines.list::isEmpty);
    }

    @Test
    void thePathKeepsNoQuery() {
        assertThat(AccessLogLine.pathOnly("/v1/bots/1/new-webhook?sig=a?b")).isEqualTo("/v1/bots/1/new-webhook");
        assertThat(AccessLogLine.pathOnly("/readyz")).isEqualTo("/readyz");
        assertThat(AccessLogLine.pathOnly(null)).isEqualTo("-");
    }

    private void start(boolean enabled) {
        HttpServer plain = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/v1/bots/{id}/new-webhook", (request, response) -> response.sendString(Mono.just("ok"))));
        server = new IngressConfiguration().accessLog(new AccessLogProperties(enabled)).apply(plain).bindNow();
    }

    private int get(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
