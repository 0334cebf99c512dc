package dev.botwebhooks.pipeline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three workers, two queue slots, at most two runs per bot. */
class ScriptWorkersTest {

    private final ScriptWorkers workers = new ScriptWorkers(
            new PipelineProperties(3, 2, DataSize.ofMegabytes(1), 2, 100));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        workers.destroy();
    }

    @Test
    void answers503WhenABotHasItsCapInFlightWhileOtherBotsStillRun() {
        List<Disposable> running = List.of(blocked(1).subscribe(), blocked(1).subscribe());
        await().until(() -> workers.active() == 2);

        workers.run(1, () -> "third").as(StepVerifier::create).expectError(ScriptWorkers.Overloaded.class)
                .verify(Duration.ofSeconds(1));
        assertThat(workers.inFlight(1)).isEqualTo(2);
        Mono<String> other = workers.run(2, () -> "other");
        other.as(StepVerifier::create).expectNext("other").verifyComplete();
        running.forEach(Disposable::dispose);
    }

    @Test
    void answers503WhenQueueIsFull() {
        blocked(1).subscribe();
        blocked(1).subscribe();
        blocked(2).subscribe();
        blocked(2).subscribe();
        blocked(3).subscribe();
        await().until(() -> workers.active() == 3 && workers.queued() == 2);

        workers.run(4, () -> "no room").as(StepVerifier::create).expectError(ScriptWorkers.Overloaded.class)
                .verify(Duration.ofSeconds(1));
        assertThat(workers.inFlight(4)).isZero();
    }

    @Test
    void aBotsSlotsComeBackWhenItsRunsEndOrAreCancelledBeforeStarting() {
        Disposable first = blocked(1).subscribe();
        Disposable second = blocked(1).subscribe();
        blocked(3).subscribe();
        await().until(() -> workers.active() == 3);
        Disposable queued = blocked(2).subscribe();
        await().until(() -> workers.queued() == 1);

        queued.dispose();
        await().until(() -> workers.inFlight(2) == 0);
        release.countDown();
        await().until(() -> workers.inFlight(1) == 0 && workers.inFlight(3) == 0);
        workers.run(1, () -> "again").as(StepVerifier::create).expectNext("again").verifyComplete();
        first.dispose();
        second.dispose();
    }

    private Mono<Boolean> blocked(long botId) {
        return workers.run(botId, () -> release.await(10, TimeUnit.SECONDS));
    }
}
