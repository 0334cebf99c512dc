package dev.botwebhooks.run;

import dev.botwebhooks.broadcast.NewRunAllTask;
import dev.botwebhooks.broadcast.RunAllTaskRepository;
import dev.botwebhooks.call.CallRecord;
import dev.botwebhooks.call.CallRepository;
import dev.botwebhooks.httprequest.HttpRequestRepository;
import dev.botwebhooks.httprequest.NewHttpRequest;
import dev.botwebhooks.job.JobRepository;
import dev.botwebhooks.job.NewJob;
import dev.botwebhooks.list.ListChange;
import dev.botwebhooks.list.ListRepository;
import dev.botwebhooks.message.MessageRepository;
import dev.botwebhooks.message.NewMessage;
import dev.botwebhooks.property.PropertyChange;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRead;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.script.Effects;
import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.script.ScriptOutcome;
import org.springframework.context.ApplicationEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one owner of a run's transaction: the call record, the commit hook and, when the script succeeded,
 * every effect commit together (in a transaction shared with concurrent runs, see {@link GroupCommit})
 * before the result, and so the answer, is returned.
 */
@Component
class RunRecorder {

    private final CallRepository calls;
    private final PropertyRepository properties;
    private final JobRepository jobs;
    private final MessageRepository messages;
    private final HttpRequestRepository httpRequests;
    private final ListRepository lists;
    private final RunAllTaskRepository runAllTasks;
    private final GroupCommit<RunWrites> groupCommit;
    private final AnswerFormat answers;
    private final ApplicationEventPublisher events;

    RunRecorder(CallRepository calls, PropertyRepository properties, JobRepository jobs, MessageRepository messages,
            HttpRequestRepository httpRequests, ListRepository lists, RunAllTaskRepository runAllTasks,
            TransactionalOperator transaction, CommitProperties commit, MeterRegistry registry, AnswerFormat answers,
            ApplicationEventPublisher events) {
        this.httpRequests = httpRequests;
        this.lists = lists;
        this.runAllTasks = runAllTasks;
        this.calls = calls;
        this.properties = properties;
        this.jobs = jobs;
        this.messages = messages;
        this.groupCommit = new GroupCommit<>(transaction, this::write, commit, registry);
        this.answers = answers;
        this.events = events;
    }

    /**
     * What one run commits: its call record, its commit hook, its effects ({@link Effects#NONE} when it failed)
     * and the properties it read, which must be unchanged when it commits.
     */
    private record RunWrites(CallRecord call, RunResult.Logged result, CommitHook hook, Effects effects,
            List<PropertyRead> reads) {
    }

    /**
     * A script ran: its call record, and its effects when it succeeded. Errors with {@link GroupCommit.Refused}
     * when a property it read changed before its commit (nothing was written: run it again).
     */
    Mono<RunResult.Logged> ran(RunRequest request, ScriptOutcome outcome, List<PropertyRead> reads, CommitHook hook) {
        long botId = request.bot().id();
        ScriptFailure failure = outcome.failure();
        Effects effects = outcome.succeeded() ? outcome.effects() : Effects.NONE;
        return calls.nextId().flatMap(callId -> {
            RunResult.Logged result = failure == null
                    ? new RunResult.Succeeded(callId, answers.succeeded(outcome, request.redirectTo()))
                    : new RunResult.ScriptFailed(callId, answers.scriptFailed(failure, callId), failure);
            CallRecord record = record(request, result, failure == null ? null : failure.kind().name(),
                    failure == null ? null : failure.detail(), outcome.cpuTime(), effects);
            return groupCommit.commit(new RunWrites(record, result, hook, effects, outcome.succeeded() ? reads : List.of()))
                    .then(Mono.fromRunnable(() -> committed(botId, effects)))
                    .thenReturn(result);
        });
    }

    /** The run could not start (unknown command or user): the call is logged, nothing else happens. */
    Mono<RunResult.Logged> refused(RunRequest request, String reason, CommitHook hook) {
        return calls.nextId().flatMap(callId -> {
            RunResult.Logged result = new RunResult.Refused(callId, answers.refused(reason, callId), reason);
            CallRecord record = record(request, result, "REFUSED", reason, null, Effects.NONE);
            return groupCommit.commit(new RunWrites(record, result, hook, Effects.NONE, List.of())).thenReturn(result);
        });
    }

    /**
     * The writes of a batch of runs, one statement per table: the call records first (the hooks and effects
     * refer to them), then each run's hook, then the effects. A run's job cancellations apply before any job
     * of the batch is inserted, so a run never cancels a job it schedules after its own clearRunAfter.
     * <p>
     * Runs are serializable over the properties they touch: the batch locks every property its runs read or
     * write, and leaves out (emits) each run that read a property an earlier run of the batch writes, or whose
     * read version is no longer the committed one. Such a run's script runs again, with nothing written.
     */
    private Mono<List<RunWrites>> write(List<RunWrites> batch) {
        List<RunWrites> refused = new ArrayList<>();
        List<RunWrites> candidates = new ArrayList<>(batch.size());
        Set<PropertyKey> writtenBefore = new HashSet<>();
        Set<PropertyKey> touched = new LinkedHashSet<>();
        for (RunWrites run : batch) {
            if (run.reads().stream().anyMatch(read -> writtenBefore.contains(read.key()))) {
                refused.add(run);
                continue;
            }
            candidates.add(run);
            run.effects().propertyChanges().forEach(change -> writtenBefore.add(change.key()));
            run.reads().forEach(read -> touched.add(read.key()));
            run.effects().propertyChanges().forEach(change -> touched.add(change.key()));
        }
        List<PropertyRead> reads = new ArrayList<>();
        candidates.forEach(run -> reads.addAll(run.reads()));
        return properties.lock(touched)
                .then(properties.changedSince(reads))
                .flatMap(stale -> {
                    List<RunWrites> accepted = new ArrayList<>(candidates.size());
                    for (RunWrites run : candidates) {
                        (run.reads().stream().anyMatch(stale::contains) ? refused : accepted).add(run);
                    }
                    return writeAll(accepted);
                })
                .thenReturn(refused);
    }

    private Mono<Void> writeAll(List<RunWrites> batch) {
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        List<CallRecord> records = new ArrayList<>(batch.size());
        List<PropertyChange> changes = new ArrayList<>();
        List<NewJob> newJobs = new ArrayList<>();
        List<NewMessage> newMessages = new ArrayList<>();
        List<NewHttpRequest> newHttpRequests = new ArrayList<>();
        List<ListChange> listChanges = new ArrayList<>();
        List<NewRunAllTask> newTasks = new ArrayList<>();
        for (RunWrites run : batch) {
            records.add(run.call());
            Effects effects = run.effects();
            changes.addAll(effects.propertyChanges());
            listChanges.addAll(effects.listChanges());
            effects.jobs().forEach(job -> newJobs.add(new NewJob(run.call().botId(), run.call().id(), job)));
            effects.messages().forEach(message ->
                    newMessages.add(new NewMessage(run.call().botId(), run.call().id(), message)));
            effects.httpRequests().forEach(request -> newHttpRequests.add(
                    new NewHttpRequest(run.call().botId(), run.call().id(), run.call().userId(), request)));
            effects.runAllTasks().forEach(task -> newTasks.add(
                    new NewRunAllTask(run.call().botId(), run.call().id(), run.call().userId(), task)));
        }
        return calls.insert(records)
                .thenMany(Flux.fromIterable(batch).concatMap(run -> run.hook().inTransaction(run.result())))
                .then(properties.apply(changes))
                .then(lists.apply(listChanges))
                .thenMany(Flux.fromIterable(batch).filter(run -> !run.effects().cancellations().isEmpty())
                        .concatMap(run -> jobs.cancel(run.call().botId(), run.effects().cancellations())))
                .then(jobs.insert(newJobs))
                .then(createRunAllTasks(newTasks))
                .then(messages.insert(newMessages))
                .then(httpRequests.insert(newHttpRequests));
    }

    /**
     * Each task, then its {@code on_create} command as a job for the calling user with the new task as
     * {@code options.run_all_task} (the job needs the task's id, so one statement per task: a run makes few).
     */
    private Mono<Void> createRunAllTasks(List<NewRunAllTask> tasks) {
        return Flux.fromIterable(tasks).concatMap(task -> runAllTasks.create(task).flatMap(created -> {
            String onCreate = task.request().onCreate();
            if (onCreate == null) {
                return Mono.empty();
            }
            ObjectNode options = JsonNodeFactory.instance.objectNode();
            options.set("run_all_task", created.toJson());
            return jobs.insertCallback(task.botId(), task.callId(), onCreate, task.userId(), options, null);
        })).then();
    }

    private void committed(long botId, Effects effects) {
        int tasks = effects.runAllTasks().size();
        if (!effects.messages().isEmpty() || !effects.jobs().isEmpty() || !effects.httpRequests().isEmpty() || tasks > 0) {
            int onCreateJobs = (int) effects.runAllTasks().stream().filter(task -> task.onCreate() != null).count();
            events.publishEvent(new RunCommitted(botId, effects.messages().size(), effects.jobs().size() + onCreateJobs,
                    effects.httpRequests().size(), tasks));
        }
    }

    private static CallRecord record(RunRequest request, RunResult.Logged result, String errorKind, String error,
            Duration cpuTime, Effects effects) {
        CallContext call = request.call();
        Answer answer = result.answer();
        int durationMs = (int) Duration.ofNanos(System.nanoTime() - call.startNanos()).toMillis();
        return new CallRecord(result.callId(), request.bot().id(), request.commandLine(), request.userId(), call.method(),
                call.url(), call.ip(), call.headers(), call.body(), answer.status(),
                answer.body() == null ? null : answer.body().getBytes(StandardCharsets.UTF_8), errorKind, error,
                cpuTime == null ? null : (int) cpuTime.toMillis(), durationMs, call.receivedAt(), call.origin(),
                PropertyWrites.of(effects.propertyChanges()));
    }
}
