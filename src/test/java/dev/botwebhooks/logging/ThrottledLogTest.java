package dev.botwebhooks.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledLogTest {

    private static final long SECOND = 1_000_000_000L;

    private final Logger logger = (Logger) LoggerFactory.getLogger("throttled-log-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong now = new AtomicLong(1000 * SECOND);
    private final ThrottledLog log = new ThrottledLog(logger, Duration.ofMinutes(1), now::get);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void aRepeatedCauseLogsItsStackOnceThenOneCountedLinePerInterval() {
        for (int i = 0; i < 500; i++) {
            log.error("run of {} failed", outage(), "/pay");
        }
        now.addAndGet(61 * SECOND);
        for (int i = 0; i < 10; i++) {
            log.error("run of {} failed", outage(), "/pay");
        }

        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(0).getThrowableProxy()).as("the first line has the stack").isNotNull();
        assertThat(lines.list.get(0).getFormattedMessage()).isEqualTo("run of /pay failed");
        assertThat(lines.list.get(1).getThrowableProxy()).as("later lines do not").isNull();
        assertThat(lines.list.get(1).getFormattedMessage()).contains("run of /pay failed").contains("499 more");
    }

    @Test
    void anotherCauseIsLoggedAtOnce() {
        log.error("failed", outage());
        log.error("failed", new IllegalStateException("a bug"));

        assertThat(lines.list).hasSize(2).allSatisfy(line -> assertThat(line.getThrowableProxy()).isNotNull());
    }

    private static RuntimeException outage() {
        return new RuntimeException("Failed to obtain R2DBC Connection", new IOException(new ConnectException("refused")));
    }
}
