package dev.botwebhooks.scheduler;

import dev.botwebhooks.broadcast.ClaimedRunAllTask;
import dev.botwebhooks.broadcast.RunAllTaskRepository;
import dev.botwebhooks.run.RunCommitted;
import dev.botwebhooks.scheduling.PollingWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Hands out {@code Bot.runAll} tasks. Each turn, in one transaction, locks one unfinished task that has work
 * ({@code FOR UPDATE SKIP LOCKED}: replicas share the tasks), inserts a job for each of its next batch of users and
 * moves its cursor; or finishes it, once every user was handed out and none of its jobs is pending. The jobs then run
 * through {@link JobWorker} like any {@code Bot.run} job: fair per bot, a blocked chat's refused, retried, logged.
 */
@Component
class RunAllWorker extends PollingWorker {

    private final RunAllTaskRepository tasks;
    private final TransactionalOperator transaction;
    private final RunAllProperties settings;
    private final ApplicationEventPublisher events;
    private final Counter handedOut;

    RunAllWorker(RunAllTaskRepository tasks, TransactionalOperator transaction, RunAllProperties settings,
            ApplicationEventPublisher events, MeterRegistry registry) {
        super("run-all tasks", settings.pollInterval(), settings.enabled());
        this.tasks = tasks;
        this.transaction = transaction;
        this.settings = settings;
        this.events = events;
        this.handedOut = Counter.builder("run_all.jobs").description("Jobs handed out by Bot.runAll tasks")
                .register(registry);
    }

    @EventListener
    void onCommit(RunCommitted committed) {
        if (committed.runAllTasks() > 0) {
            wake();
        }
    }

    /** What one turn did to a task: how many jobs it inserted for the task's bot. */
    private record Turn(long botId, long jobs) {
    }

    /** One task per poll: the loop polls again at once while a task had work, so the tasks take turns. */
    @Override
    protected Mono<Integer> pollOnce() {
        return transaction.transactional(tasks.claim(settings.batchSize()).flatMap(this::turn))
                .doOnNext(this::committed)
                .map(turn -> 1);
    }

    private Mono<Turn> turn(ClaimedRunAllTask task) {
        if (task.handedOutAll()) {
            return tasks.finish(task).thenReturn(new Turn(task.botId(), 0));
        }
        return tasks.handOut(task, settings.batchSize())
                // A short batch reached the end of the task's users.
                .flatMap(batch -> tasks.advance(task, batch, batch.scanned() < settings.batchSize())
                        .thenReturn(new Turn(task.botId(), batch.handedOut())));
    }

    /** The job worker looks for the new jobs now rather than at its next poll. */
    private void committed(Turn turn) {
        if (turn.jobs() > 0) {
            handedOut.increment(turn.jobs());
            events.publishEvent(new RunCommitted(turn.botId(), 0, (int) turn.jobs(), 0));
        }
    }
}
