package dev.botwebhooks.run;

import dev.botwebhooks.logging.ThrottledLog;
import dev.botwebhooks.pipeline.ScriptWorkers;
import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.script.ScriptOutcome;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;

/**
 * Runs one command: {@link RunLoader} loads it, {@link ScriptExecution} runs its script on a worker,
 * {@link RunRecorder} commits the call record and the effects before the result is returned. Every
 * ending is a {@link RunResult}; nothing is thrown to the caller. A run whose property reads went stale
 * before its commit runs again (its effects were only buffered), at most {@code webhooks.commit.max-reruns}
 * times, then ends {@link RunResult.Unavailable}.
 */
@Service
public class CommandRunner {

    /** A database outage fails every run alike: one line per cause per minute, not a stack per request. */
    private static final ThrottledLog failures =
            new ThrottledLog(LoggerFactory.getLogger(CommandRunner.class), Duration.ofMinutes(1));

    private final RunLoader loader;
    private final ScriptExecution execution;
    private final RunRecorder recorder;
    private final AnswerFormat answers;
    private final ErrorCommand errorCommand;
    private final int maxReruns;

    CommandRunner(RunLoader loader, ScriptExecution execution, RunRecorder recorder, CommitProperties commit,
            AnswerFormat answers, ErrorCommand errorCommand) {
        this.loader = loader;
        this.errorCommand = errorCommand;
        this.execution = execution;
        this.recorder = recorder;
        this.answers = answers;
        this.maxReruns = commit.maxReruns();
    }

    /** A webhook's run (also a replayed call's). */
    public Mono<RunResult> run(RunRequest request) {
        return run(request, CommitHook.NONE);
    }

    /**
     * As {@link #run(RunRequest)}, with {@code hook} inside the transaction that commits the run. The caller
     * holds a {@code pipeline.WebhookConcurrency} permit, taken before anything was looked up.
     */
    public Mono<RunResult> run(RunRequest request, CommitHook hook) {
        return start(request, hook, false);
    }

    /**
     * A {@code Bot.run} job's run ({@code request.call()} made by {@link CallContext#botRun}); {@code hook}
     * marks the job done. Unlike a webhook's, a run whose script could not reach the database is not logged
     * but ends {@link RunResult.Unavailable}, so the job is tried again rather than logged as failed.
     */
    public Mono<RunResult> runJob(RunRequest request, CommitHook hook) {
        return start(request, hook, true);
    }

    private Mono<RunResult> start(RunRequest request, CommitHook hook, boolean retryWhenUnavailable) {
        return loader.load(request)
                .<RunResult>flatMap(loaded -> {
                    if (loaded instanceof RunLoader.Loaded.Found found) {
                        // A run whose reads went stale before its commit wrote nothing: its script runs again.
                        return Mono.defer(() -> execution.execute(request, found))
                                .flatMap(executed -> retryWhenUnavailable && unavailable(executed.outcome())
                                        ? Mono.just(new RunResult.Unavailable("the script could not reach the database", null))
                                        : errorCommand.around(request, found.command().name(), executed.outcome(), hook)
                                                .flatMap(withError -> recorder.ran(request, executed.outcome(),
                                                        executed.reads(), withError)))
                                .retryWhen(Retry.max(maxReruns).filter(GroupCommit.Refused.class::isInstance));
                    }
                    return recorder.refused(request, ((RunLoader.Loaded.Missing) loaded).reason(), hook);
                })
                .onErrorResume(ScriptWorkers.Overloaded.class, overloaded -> Mono.just(new RunResult.Overloaded()))
                .onErrorResume(Exceptions::isRetryExhausted, conflicts -> Mono.just(new RunResult.Unavailable(
                        "the properties it read kept changing before its commit (" + maxReruns + " runs)", null)))
                .onErrorResume(error -> {
                    failures.error("run of {} for bot {} failed before its result was committed", error,
                            request.commandName(), request.bot().id());
                    return Mono.just(new RunResult.Unavailable(
                            "the run could not be committed (" + error.getClass().getSimpleName() + ")", error));
                });
    }

    /**
     * Runs the command as a webhook's run would (same loading, same workers and limits, same answer) but stops
     * before {@link RunRecorder}: the outcome's effects are shown, never written, and no call is logged.
     */
    public Mono<TestRunResult> testRun(RunRequest request) {
        return loader.load(request)
                .<TestRunResult>flatMap(loaded -> {
                    if (loaded instanceof RunLoader.Loaded.Found found) {
                        return execution.execute(request, found).map(executed -> {
                            ScriptOutcome outcome = executed.outcome();
                            Answer answer = outcome.succeeded() ? answers.succeeded(outcome, request.redirectTo())
                                    : answers.scriptFailed(outcome.failure(), null);
                            return new TestRunResult.Ran(answer, outcome);
                        });
                    }
                    String reason = ((RunLoader.Loaded.Missing) loaded).reason();
                    return Mono.just(new TestRunResult.Refused(answers.refused(reason, null), reason));
                })
                .onErrorResume(ScriptWorkers.Overloaded.class, overloaded -> Mono.just(new TestRunResult.Overloaded()))
                .onErrorResume(error -> {
                    failures.error("test run of {} for bot {} failed", error, request.commandName(), request.bot().id());
                    return Mono.just(new TestRunResult.Unavailable(error.getClass().getSimpleName()));
                });
    }

    private static boolean unavailable(ScriptOutcome outcome) {
        return outcome.failure() != null && outcome.failure().kind() == ScriptFailure.Kind.INFRASTRUCTURE;
    }
}
