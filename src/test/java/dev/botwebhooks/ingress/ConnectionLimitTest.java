package dev.botwebhooks.ingress;

import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Four open connections at most; the fifth is answered 503 with Retry-After at once and closed. */
@TestPropertySource(properties = "webhooks.ingress.max-connections=" + ConnectionLimitTest.MAX)
class ConnectionLimitTest extends EndToEndTest {

    static final int MAX = 4;

    @Test
    void aConnectionPastTheBoundGets503WithRetryAfterAtOnceAndOneClosingMakesRoom() throws IOException {
        double before = rejections("too_many_connections");
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX; i++) {
                Socket socket = connect();
                open.add(socket);
                assertThat(exchange(socket)).startsWith("HTTP/1.1 404");
            }

            long start = System.nanoTime();
            try (Socket extra = connect()) {
                String answer = exchange(extra);
                assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: 1")
                        .contains("{\"error\":\"too many connections\"}");
                assertThat(extra.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(rejections("too_many_connections") - before).isEqualTo(1);

            open.remove(0).close();
            await().untilAsserted(() -> {
                try (Socket again = connect()) {
                    assertThat(exchange(again)).startsWith("HTTP/1.1 404");
                }
            });
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        return socket;
    }

    /**
     * One keep-alive request for a path the public port does not serve (actuator is on the management port): a
     * 404 shows the connection was served; the answer's head and body as read in one go.
     */
    private static String exchange(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /no-such-page HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        StringBuilder answer = new StringBuilder();
        do {
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            answer.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
        } while (!complete(answer));
        return answer.toString();
    }

    private static boolean complete(StringBuilder answer) {
        int headEnd = answer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = answer.substring(0, headEnd).toLowerCase();
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return true;
        }
        int end = head.indexOf("\r\n", at);
        int length = Integer.parseInt(head.substring(at + 15, end < 0 ? head.length() : end).strip());
        return answer.length() - headEnd - 4 >= length;
    }
}
