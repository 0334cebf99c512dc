package dev.botwebhooks.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue alone, taken from one thread, so that the order it serves is exact. */
class FairQueueTest {

    private final FairQueue queue = new FairQueue(8, 3, 2);

    @Test
    void waitingBotsAreServedRoundRobinNotFirstComeFirstServed() throws InterruptedException {
        for (String name : List.of("a1", "a2", "a3", "b1", "c1", "b2")) {
            assertThat(queue.offer(run(name))).isTrue();
        }

        List<String> served = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            FairQueue.Run next = queue.take();
            served.add(next.toString());
            queue.done(next);
        }
        assertThat(served).containsExactly("a1", "b1", "c1", "a2", "b2", "a3");
    }

    @Test
    void aBotAtItsShareOfWorkersWaitsWhileOthersAreServed() throws InterruptedException {
        for (String name : List.of("a1", "a2", "a3", "b1")) {
            queue.offer(run(name));
        }

        FairQueue.Run first = queue.take();
        FairQueue.Run second = queue.take();
        FairQueue.Run third = queue.take();
        assertThat(List.of(first.toString(), second.toString(), third.toString())).containsExactly("a1", "b1", "a2");
        assertThat(queue.running('a')).isEqualTo(2);
        assertThat(queue.queued('a')).as("a3 waits for one of a's runs to end").isEqualTo(1);

        queue.done(first);
        assertThat(queue.take().toString()).isEqualTo("a3");
    }

    @Test
    void refusesPastABotsShareOfTheQueueAndPastTheWholeQueue() {
        for (String name : List.of("a1", "a2", "a3")) {
            assertThat(queue.offer(run(name))).isTrue();
        }
        assertThat(queue.offer(run("a4"))).as("a's share").isFalse();
        for (String name : List.of("b1", "b2", "b3", "c1", "c2")) {
            assertThat(queue.offer(run(name))).isTrue();
        }
        assertThat(queue.offer(run("d1"))).as("the whole queue").isFalse();
        assertThat(queue.queued()).isEqualTo(8);
    }

    @Test
    void aCancelledRunLeavesTheQueueAndIsNeverServed() throws InterruptedException {
        FairQueue.Run cancelled = run("a1");
        queue.offer(cancelled);
        queue.offer(run("b1"));

        assertThat(queue.cancel(cancelled)).isTrue();
        assertThat(queue.cancel(cancelled)).as("only once").isFalse();
        assertThat(queue.queued()).isEqualTo(1);
        assertThat(queue.take().toString()).isEqualTo("b1");
    }

    @Test
    void aClosedQueueRefusesNewRunsAndEndsItsWorkersOnceDrained() throws InterruptedException {
        queue.offer(run("a1"));
        queue.close();

        assertThat(queue.offer(run("a2"))).isFalse();
        assertThat(queue.take().toString()).isEqualTo("a1");
        assertThat(queue.take()).isNull();
    }

    /** A run of bot {@code name.charAt(0)}, named for the assertions. */
    private static FairQueue.Run run(String name) {
        return new FairQueue.Run() {
            @Override
            public long botId() {
                return name.charAt(0);
            }

            @Override
            public void run() {
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
