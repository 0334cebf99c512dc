package dev.botwebhooks.ingress;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.TightLimitsEndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Netty edge: 2KB request line, 4KB headers, 64KB body, 2s header deadline, 1s body read timeout, 2s body. */
class IngressLimitsTest extends TightLimitsEndToEndTest {

    @Test
    void aTooLongRequestLineAnswers414() {
        double before = rejections("request_line_too_long");

        http.get().uri("/v1/bots/1/new-webhook?command=" + "x".repeat(3000)).exchange().expectStatus().isEqualTo(414);

        assertThat(rejections("request_line_too_long") - before).isEqualTo(1);
    }

    @Test
    void tooLargeHeadersAnswer431() {
        double before = rejections("headers_too_large");

        http.get().uri("/v1/bots/1/new-webhook").header("X-Padding", "x".repeat(5000)).exchange()
                .expectStatus().isEqualTo(431);

        assertThat(rejections("headers_too_large") - before).isEqualTo(1);
    }

    @Test
    void aTooLargeContentLengthAnswers413BeforeTheBodyIsSent() throws IOException {
        Bots.TestBot bot = bots.create("edge").command("/pay", "Bot.setProp('ran', true)");
        URI url = bot.url(Map.of("command", "/pay"));
        double before = rejections("body_too_large");

        try (Socket socket = connect()) {
            write(socket, "POST " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n");
            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 413 ");
        }
        assertThat(rejections("body_too_large") - before).isEqualTo(1);
        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() {
        Bots.TestBot bot = bots.create("edge").command("/pay", "Bot.setProp('ran', true)");
        URI url = bot.localUrl(Map.of("command", "/pay"));
        Flux<DataBuffer> chunks = Flux.range(0, 100)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[1024]));

        http.post().uri(url).contentType(MediaType.APPLICATION_OCTET_STREAM).body(chunks, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(413);
        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
    }

    @Test
    void aClientTricklingItsHeadersIsDisconnected() throws IOException {
        double before = rejections("slow_client");
        try (Socket socket = connect()) {
            write(socket, "GET /v1/bots/1/new-webhook HTTP/1.1\r\nHost: localhost\r\n");
            OutputStream out = socket.getOutputStream();
            // One header byte every 200 ms: each restarts a read timeout, none restarts the header deadline.
            Disposable trickle = Flux.interval(Duration.ofMillis(200), Schedulers.boundedElastic()).subscribe(tick -> {
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException closed) {
                    // The server hung up, which is what the test waits for.
                }
            });
            long start = System.nanoTime();
            try {
                assertThat(readUntilClosed(socket.getInputStream())).isEmpty();
            } finally {
                trickle.dispose();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
        }
        assertThat(rejections("slow_client") - before).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aClientStallingItsBodyIsDisconnected() throws IOException {
        Bots.TestBot bot = bots.create("edge").command("/pay", "Bot.setProp('ran', true)");
        URI url = bot.url(Map.of("command", "/pay"));
        double before = rejections("slow_client");

        try (Socket socket = connect()) {
            write(socket, "POST " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly a part");
            long start = System.nanoTime();
            assertThat(readUntilClosed(socket.getInputStream())).startsWith("HTTP/1.1 408 ");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
        assertThat(rejections("slow_client") - before).isEqualTo(1);
    }

    @Test
    void aClientTricklingItsBodyIsDisconnectedAtTheRequestTimeout() throws IOException {
        Bots.TestBot bot = bots.create("edge").command("/pay", "Bot.setProp('ran', true)");
        URI url = bot.url(Map.of("command", "/pay"));
        double before = rejections("slow_client");

        try (Socket socket = connect()) {
            write(socket, "POST " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: 1000\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            // One body byte every 200 ms: never a pause of read-timeout (1s), but the whole body takes 200s.
            Disposable trickle = Flux.interval(Duration.ofMillis(200), Schedulers.boundedElastic()).subscribe(tick -> {
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException closed) {
                    // The server hung up, which is what the test waits for.
                }
            });
            long start = System.nanoTime();
            try {
                assertThat(readUntilClosed(socket.getInputStream())).startsWith("HTTP/1.1 408 ");
            } finally {
                trickle.dispose();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
        }
        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
        assertThat(rejections("slow_client") - before).isEqualTo(1);
    }

    @Test
    void anHttp11RequestWithoutAHostHeaderOrWithTwoAnswers400() throws IOException {
        for (String hostLines : new String[] {"", "Host: localhost\r\nHost: evil.example\r\n"}) {
            try (Socket socket = connect()) {
                write(socket, "GET /api/v1/bots HTTP/1.1\r\n" + hostLines + "\r\n");
                assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 400 ");
            }
        }
        try (Socket socket = connect()) {
            write(socket, "GET /api/v1/bots HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 401 ");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    /** Everything the server sends until it closes the connection (a reset counts as closed). */
    private static String readUntilClosed(InputStream in) throws IOException {
        StringBuilder seen = new StringBuilder();
        try {
            for (int c = in.read(); c != -1; c = in.read()) {
                seen.append((char) c);
            }
        } catch (SocketException reset) {
            // Closed with unread bytes in flight.
        }
        return seen.toString();
    }
}
