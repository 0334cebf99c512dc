package dev.botwebhooks.support;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Proves that BlockHound is installed for the test run, so the end-to-end tests' check means something. */
class BlockHoundTest {

    @Test
    void aBlockingCallOnAReactorParallelThreadIsCaughtAndRecorded() {
        BlockingCalls.drain();

        assertThatThrownBy(() -> Mono.fromRunnable(() -> LockSupport.parkNanos(1_000))
                .subscribeOn(Schedulers.parallel()).block())
                .hasCauseInstanceOf(BlockingOperationError.class);
        assertThat(BlockingCalls.drain()).singleElement().asString().contains("parallel");
    }
}
