package dev.botwebhooks.support;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves that BlockHound is installed for the test run, so the end-to-end tests' check means something. */
class BlockHoundTest {

    @Test
    void aBlockingCallOnAReactorParallelThreadIsRecorded() {
        BlockingCalls.drain();

        Mono.fromRunnable(() -> LockSupport.parkNanos(1_000)).subscribeOn(Schedulers.parallel()).block();

        assertThat(BlockingCalls.drain()).singleElement().asString().contains("parkNanos", "parallel");
    }
}
