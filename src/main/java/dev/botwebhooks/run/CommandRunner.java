package dev.botwebhooks.run;

import dev.botwebhooks.call.CallOrigin;
import dev.botwebhooks.call.CallRecord;
import dev.botwebhooks.call.CallRepository;
import dev.botwebhooks.command.Command;
import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.command.CommandRepository;
import dev.botwebhooks.job.JobRepository;
import dev.botwebhooks.message.MessageRepository;
import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.metrics.Rejections;
import dev.botwebhooks.pipeline.ScriptWorkers;
import dev.botwebhooks.pipeline.WebhookConcurrency;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.script.Effects;
import dev.botwebhooks.script.ScriptEngine;
import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.script.ScriptOutcome;
import dev.botwebhooks.script.ScriptRun;
import dev.botwebhooks.script.ScriptSource;
import dev.botwebhooks.user.BotUser;
import dev.botwebhooks.user.UserDirectory;
import dev.botwebhooks.user.UserRepository;
import dev.botwebhooks.url.WebhookUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one command: loads what it needs without blocking, runs the script on a worker, then
 * commits the call record and every effect in one transaction (shared with concurrent runs, see
 * {@link GroupCommit}) before the answer is returned.
 * A failed run commits its call record only.
 *
 * <p>Two entry points: {@link #run} for a webhook (the answer goes to the caller) and {@link #runJob}
 * for a {@code Bot.run} job (the job's own completion joins the run's transaction).
 */
@Service
public class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final CommandRepository commands;
    private final UserRepository users;
    private final CommandDirectory commandDirectory;
    private final UserDirectory userDirectory;
    private final PropertyRepository properties;
    private final MessageRepository messages;
    private final JobRepository scheduledRuns;
    private final CallRepository calls;
    private final ScriptWorkers workers;
    private final ScriptEngine engine;
    private final WebhookUrls urls;
    private final Answers answers;
    private final Rejections rejections;
    private final ScriptRunMetrics runMetrics;
    private final GroupCommit groupCommit;
    private final WebhookConcurrency concurrency;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    CommandRunner(CommandRepository commands, UserRepository users, CommandDirectory commandDirectory,
            UserDirectory userDirectory, PropertyRepository properties,
            MessageRepository messages, JobRepository scheduledRuns, CallRepository calls,
            ScriptWorkers workers, ScriptEngine engine, WebhookUrls urls, Answers answers, Rejections rejections,
            ScriptRunMetrics runMetrics, GroupCommit groupCommit, WebhookConcurrency concurrency, JsonMapper json, ApplicationEventPublisher events) {
        this.commands = commands;
        this.users = users;
        this.commandDirectory = commandDirectory;
        this.userDirectory = userDirectory;
        this.properties = properties;
        this.messages = messages;
        this.scheduledRuns = scheduledRuns;
        this.calls = calls;
        this.workers = workers;
        this.engine = engine;
        this.urls = urls;
        this.answers = answers;
        this.rejections = rejections;
        this.runMetrics = runMetrics;
        this.groupCommit = groupCommit;
        this.concurrency = concurrency;
        this.json = json;
        this.events = events;
    }

    public Mono<Answer> run(RunRequest request) {
        return run(request, CommitHook.NONE);
    }

    /** As {@link #run(RunRequest)}, with {@code hook} inside the transaction that commits the run. */
    public Mono<Answer> run(RunRequest request, CommitHook hook) {
        long botId = request.bot().id();
        return concurrency.admit(() -> start(request,
                        done -> hook.inTransaction(done.callId(), done.answer(), done.succeeded())))
                .map(RunCompletion::answer)
                .onErrorResume(ScriptWorkers.Overloaded.class, overloaded -> {
                    rejections.count(Rejection.OVERLOADED);
                    return Mono.just(answers.overloaded());
                })
                .onErrorResume(error -> !(error instanceof ScriptWorkers.Overloaded), error -> {
                    log.error("run of {} for bot {} failed before its answer was committed", request.commandName(),
                            botId, error);
                    rejections.count(Rejection.UNAVAILABLE);
                    return Mono.just(answers.unavailable(null));
                });
    }

    /**
     * Runs a {@code Bot.run} job (its {@code call} made by {@link CallContext#botRun}). {@code completion}
     * runs inside the run's transaction, after the call record is inserted and before the effects; when it
     * fails, nothing of the run is committed. A script error or a refusal commits and completes normally.
     * Errors mean "try again later": {@link ScriptWorkers.Overloaded}, {@link Unavailable} (the script could
     * not reach the database) or a database error of the commit itself.
     */
    public Mono<RunCompletion> runJob(RunRequest request, Function<RunCompletion, Mono<Void>> completion) {
        return start(request, completion);
    }

    private Mono<RunCompletion> start(RunRequest request, Function<RunCompletion, Mono<Void>> completion) {
        long botId = request.bot().id();
        Mono<Optional<Command>> command = commandDirectory.find(botId, request.commandName());
        Mono<Optional<BotUser>> user = request.userId() == null ? Mono.just(Optional.empty())
                : userDirectory.find(botId, request.userId());
        return Mono.zip(command, user)
                .flatMap(found -> {
                    if (found.getT1().isEmpty()) {
                        return refuse(request, 404, "unknown command " + request.commandName(), completion);
                    }
                    if (request.userId() != null && found.getT2().isEmpty()) {
                        return refuse(request, 404, "unknown user " + request.userId(), completion);
                    }
                    return execute(request, found.getT1().get(), found.getT2().orElse(null), completion);
                });
    }

    private Mono<RunCompletion> execute(RunRequest request, Command command, BotUser user,
            Function<RunCompletion, Mono<Void>> completion) {
        ScriptRun run = new ScriptRun(
                new ScriptSource(command.botId(), command.name(), command.version(), command.code()),
                request.bot().name(), request.commandLine().strip(), request.params(), request.content(),
                request.options(), user == null ? null : user.asScriptUser(), user == null ? null : chat(user),
                user == null ? null : user.id(), user == null ? null : user.chatId());
        RunHost host = new RunHost(request.bot(), properties, users, commands, urls);
        return workers.run(request.bot().id(), () -> runMetrics.time(() -> engine.run(run, host)))
                .flatMap(outcome -> commit(request, outcome, completion));
    }

    private Mono<RunCompletion> commit(RunRequest request, ScriptOutcome outcome,
            Function<RunCompletion, Mono<Void>> completion) {
        ScriptFailure failure = outcome.failure();
        if (request.call().origin() == CallOrigin.BOT_RUN && failure != null
                && failure.kind() == ScriptFailure.Kind.INFRASTRUCTURE) {
            // Not the script's fault: the job is tried again rather than logged as failed.
            return Mono.error(new Unavailable(failure.detail()));
        }
        if (request.call().origin() == CallOrigin.WEBHOOK) {
            countFailure(failure);
        }
        long botId = request.bot().id();
        return calls.nextId().flatMap(callId -> {
            Answer answer = answers.forOutcome(outcome, callId, request.redirectTo());
            RunCompletion done = new RunCompletion(callId, failure == null ? null : failure.kind().name(),
                    failure == null ? null : failure.detail(), answer);
            CallRecord record = record(request, callId, answer, done.errorKind(), done.error(), outcome.cpuTime());
            Effects effects = outcome.succeeded() ? outcome.effects() : Effects.NONE;
            return groupCommit.commit(() -> calls.insert(record)
                            .then(completion.apply(done))
                            .then(properties.apply(effects.propertyChanges()))
                            .then(scheduledRuns.clear(botId, effects.clearances()))
                            .then(scheduledRuns.insert(botId, callId, effects.scheduledRuns()))
                            .then(messages.insert(botId, callId, effects.messages())))
                    .then(Mono.fromRunnable(() -> committed(botId, effects)))
                    .thenReturn(done);
        });
    }

    private void committed(long botId, Effects effects) {
        if (!effects.messages().isEmpty() || !effects.scheduledRuns().isEmpty()) {
            events.publishEvent(new RunCommitted(botId, effects.messages().size(), effects.scheduledRuns().size()));
        }
    }

    private void countFailure(ScriptFailure failure) {
        if (failure == null || failure.kind() == ScriptFailure.Kind.SCRIPT_ERROR) {
            return;
        }
        rejections.count(failure.kind() == ScriptFailure.Kind.INFRASTRUCTURE ? Rejection.UNAVAILABLE
                : Rejection.SCRIPT_LIMIT);
    }

    /** The run could not start (unknown command or user): the call is logged, nothing else happens. */
    private Mono<RunCompletion> refuse(RunRequest request, int status, String reason,
            Function<RunCompletion, Mono<Void>> completion) {
        // Jobs have their own metric (scheduled.runs); webhook.rejections counts webhooks only.
        if (request.call().origin() == CallOrigin.WEBHOOK) {
            rejections.count(Rejection.UNKNOWN_COMMAND);
        }
        return calls.nextId().flatMap(callId -> {
            Answer answer = answers.error(status, reason, callId);
            RunCompletion done = new RunCompletion(callId, "REFUSED", reason, answer);
            CallRecord record = record(request, callId, answer, done.errorKind(), reason, null);
            return groupCommit.commit(() -> calls.insert(record).then(completion.apply(done)))
                    .thenReturn(done);
        });
    }

    private CallRecord record(RunRequest request, long callId, Answer answer, String errorKind, String error,
            Duration cpuTime) {
        CallContext call = request.call();
        int durationMs = (int) Duration.ofNanos(System.nanoTime() - call.startNanos()).toMillis();
        return new CallRecord(callId, request.bot().id(), request.commandLine(), request.userId(), call.method(),
                call.url(), call.ip(), call.headers(), call.body(),
                answer.status(), answer.body() == null ? null : answer.body().getBytes(StandardCharsets.UTF_8), errorKind, error,
                cpuTime == null ? null : (int) cpuTime.toMillis(), durationMs, call.receivedAt(), call.origin());
    }

    private ObjectNode chat(BotUser user) {
        ObjectNode chat = json.createObjectNode();
        chat.put("chatid", user.chatId());
        chat.put("chat_type", "private");
        return chat;
    }

    /** A job's script could not reach the database: try the job again later. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String detail) {
            super(detail, null, false, false);
        }
    }
}
