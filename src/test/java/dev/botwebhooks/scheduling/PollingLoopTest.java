package dev.botwebhooks.scheduling;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A loop whose polls keep finding work polls on without growing the stack of the thread that runs it. */
class PollingLoopTest {

    @Test
    void twoHundredThousandPollsInARowThatFindWorkDoNotOverflowTheStack() throws InterruptedException {
        int polls = 200_000;
        AtomicInteger left = new AtomicInteger(polls);
        CountDownLatch drained = new CountDownLatch(1);
        // Each poll reads its subscriber context and completes on another thread, as a database call through
        // R2DBC does: with polls nested in one another, reading the context walked every level and overflowed.
        PollingLoop loop = new PollingLoop("test", Duration.ofHours(1), () -> Mono.deferContextual(context ->
                Mono.fromCallable(() -> {
                    int remaining = left.getAndDecrement();
                    if (remaining <= 0) {
                        drained.countDown();
                        return 0;
                    }
                    return 1;
                })).subscribeOn(Schedulers.single()));

        loop.start();
        try {
            assertThat(drained.await(60, TimeUnit.SECONDS)).as("all polls ran").isTrue();
            assertThat(loop.isRunning()).isTrue();
        } finally {
            CountDownLatch stopped = new CountDownLatch(1);
            loop.stop(stopped::countDown);
            stopped.await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailingPollIsTriedAgainOnTheNextTick() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        PollingLoop loop = new PollingLoop("test", Duration.ofMillis(20), () -> Mono.defer(() -> {
            calls.incrementAndGet();
            third.countDown();
            return Mono.<Integer>error(new IllegalStateException("database down"));
        }));

        loop.start();
        try {
            assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            CountDownLatch stopped = new CountDownLatch(1);
            loop.stop(stopped::countDown);
            stopped.await(10, TimeUnit.SECONDS);
        }
    }
}
