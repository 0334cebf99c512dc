package dev.botwebhooks.pipeline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three workers (a bot may hold two), four queue slots in all, two per bot. */
class ScriptWorkersTest {

    private final ScriptWorkers workers = new ScriptWorkers(
            new PipelineProperties(3, 4, 2, Duration.ZERO, DataSize.ofMegabytes(1), 100));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        workers.destroy();
    }

    @Test
    void aLoneBotUsesEveryWorkerButTheSpare() {
        fill(1, 3);
        await().until(() -> workers.active() == 2 && workers.queued() == 1);

        workers.run(2, () -> "other").as(StepVerifier::create).expectNext("other").verifyComplete();
    }

    @Test
    void answers503WhenABotsQueueIsFullWhileOtherBotsStillQueue() {
        fill(1, 4);
        await().until(() -> workers.active() == 2 && workers.queued() == 2);

        workers.run(1, () -> "third queued").as(StepVerifier::create).expectError(ScriptWorkers.Overloaded.class)
                .verify(Duration.ofSeconds(1));
        assertThat(workers.inFlight(1)).isEqualTo(4);
        blocked(2).subscribe();
        await().until(() -> workers.active() == 3);
        Disposable queued = blocked(2).subscribe();
        await().until(() -> workers.queued() == 3);
        queued.dispose();
    }

    @Test
    void answers503WhenTheWholeQueueIsFull() {
        fill(1, 4);
        fill(2, 3);
        await().until(() -> workers.active() == 3 && workers.queued() == 4);

        workers.run(3, () -> "no room").as(StepVerifier::create).expectError(ScriptWorkers.Overloaded.class)
                .verify(Duration.ofSeconds(1));
        assertThat(workers.inFlight(3)).isZero();
    }

    @Test
    void aRunCancelledWhileQueuedGivesItsPlaceBackAndNeverRuns() {
        fill(1, 2);
        fill(2, 1);
        await().until(() -> workers.active() == 3);
        List<String> ran = new CopyOnWriteArrayList<>();
        Disposable queued = workers.run(2, () -> ran.add("cancelled")).subscribe();
        await().until(() -> workers.queued() == 1);

        queued.dispose();
        assertThat(workers.queued()).isZero();
        release.countDown();
        await().until(() -> workers.active() == 0 && workers.inFlight(1) == 0 && workers.inFlight(2) == 0);
        workers.run(2, () -> "again").as(StepVerifier::create).expectNext("again").verifyComplete();
        assertThat(ran).isEmpty();
    }

    @Test
    void aFailingTaskErrorsItsCallerAndFreesTheWorker() {
        workers.run(1, () -> {
            throw new IllegalStateException("boom");
        }).as(StepVerifier::create).expectErrorMessage("boom").verify(Duration.ofSeconds(1));
        await().until(() -> workers.inFlight(1) == 0);
    }

    @Test
    void answers503WhenTheWaitARunWouldExpectIsOverTheBound() throws InterruptedException {
        ScriptWorkers bounded = new ScriptWorkers(
                new PipelineProperties(2, 100, 100, Duration.ofMillis(100), DataSize.ofMegabytes(1), 100));
        try {
            // The mean run becomes 60 ms; one worker for the bot: a third run queued would wait 120 ms.
            bounded.run(1, () -> {
                Thread.sleep(60);
                return "slept";
            }).block();
            await().until(() -> bounded.meanRun().compareTo(Duration.ofMillis(60)) >= 0);
            CountDownLatch hold = new CountDownLatch(1);
            bounded.run(1, () -> hold.await(10, TimeUnit.SECONDS)).subscribe();
            await().until(() -> bounded.active() == 1);
            bounded.run(1, () -> "first queued").subscribe();
            bounded.run(1, () -> "second queued").subscribe();
            assertThat(bounded.inFlight(1)).isEqualTo(3);

            bounded.run(1, () -> "third queued").as(StepVerifier::create).expectError(ScriptWorkers.Overloaded.class)
                    .verify(Duration.ofSeconds(1));
            assertThat(bounded.hasRoom(1)).isFalse();
            assertThat(bounded.hasRoom(2)).as("another bot's queue is empty").isTrue();
            hold.countDown();
        } finally {
            bounded.destroy();
        }
    }

    @Test
    void derivesWorkersFromTheCoresWhenNoneAreConfigured() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(new PipelineProperties(0, 1, 1, Duration.ZERO, DataSize.ofMegabytes(1), 1).workerThreads())
                .isEqualTo(Math.max(1, cores - 2) + 1);
        assertThat(new PipelineProperties(5, 1, 1, Duration.ZERO, DataSize.ofMegabytes(1), 1).workerThreads()).isEqualTo(5);
    }

    /**
     * {@code runs} blocked runs of {@code botId}, each offered once the one before is on a worker, or is
     * queued because the bot holds its share of the workers or none is free (else its queue could look full).
     */
    private void fill(long botId, int runs) {
        for (int i = 0; i < runs; i++) {
            int before = workers.inFlight(botId);
            blocked(botId).subscribe();
            await().until(() -> workers.inFlight(botId) == before + 1
                    && (workers.inFlight(botId) == workers.running(botId) || workers.running(botId) == 2
                            || workers.active() == 3));
        }
    }

    private Mono<Boolean> blocked(long botId) {
        return workers.run(botId, () -> release.await(10, TimeUnit.SECONDS));
    }
}
