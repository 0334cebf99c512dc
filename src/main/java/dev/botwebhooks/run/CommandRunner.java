package dev.botwebhooks.run;

import dev.botwebhooks.call.CallRecord;
import dev.botwebhooks.call.CallRepository;
import dev.botwebhooks.command.Command;
import dev.botwebhooks.command.CommandRepository;
import dev.botwebhooks.message.MessageRepository;
import dev.botwebhooks.ops.Rejection;
import dev.botwebhooks.ops.Rejections;
import dev.botwebhooks.pipeline.ScriptWorkers;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.script.Effects;
import dev.botwebhooks.script.ScriptEngine;
import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.script.ScriptOutcome;
import dev.botwebhooks.script.ScriptRun;
import dev.botwebhooks.script.ScriptSource;
import dev.botwebhooks.user.BotUser;
import dev.botwebhooks.user.UserRepository;
import dev.botwebhooks.webhook.WebhookUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs one command: loads what it needs without blocking, runs the script on a worker, then
 * commits the call record and every effect in one transaction before the answer is returned.
 * A failed run commits its call record only.
 */
@Service
public class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final CommandRepository commands;
    private final UserRepository users;
    private final PropertyRepository properties;
    private final MessageRepository messages;
    private final CallRepository calls;
    private final ScriptWorkers workers;
    private final ScriptEngine engine;
    private final WebhookUrls urls;
    private final Answers answers;
    private final Rejections rejections;
    private final TransactionalOperator transaction;
    private final JsonMapper json;

    CommandRunner(CommandRepository commands, UserRepository users, PropertyRepository properties,
            MessageRepository messages, CallRepository calls, ScriptWorkers workers, ScriptEngine engine,
            WebhookUrls urls, Answers answers, Rejections rejections, TransactionalOperator transaction,
            JsonMapper json) {
        this.commands = commands;
        this.users = users;
        this.properties = properties;
        this.messages = messages;
        this.calls = calls;
        this.workers = workers;
        this.engine = engine;
        this.urls = urls;
        this.answers = answers;
        this.rejections = rejections;
        this.transaction = transaction;
        this.json = json;
    }

    public Mono<Answer> run(RunRequest request) {
        long botId = request.bot().id();
        Mono<Optional<Command>> command = commands.find(botId, request.commandName()).map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        Mono<Optional<BotUser>> user = request.userId() == null ? Mono.just(Optional.empty())
                : users.find(botId, request.userId()).map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(command, user)
                .flatMap(found -> {
                    if (found.getT1().isEmpty()) {
                        return refuse(request, 404, "unknown command " + request.commandName());
                    }
                    if (request.userId() != null && found.getT2().isEmpty()) {
                        return refuse(request, 404, "unknown user " + request.userId());
                    }
                    return execute(request, found.getT1().get(), found.getT2().orElse(null));
                })
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

    private Mono<Answer> execute(RunRequest request, Command command, BotUser user) {
        ScriptRun run = new ScriptRun(
                new ScriptSource(command.botId(), command.name(), command.version(), command.code()),
                request.bot().name(), request.commandLine().strip(), request.params(), request.content(),
                request.options(), user == null ? null : user.asScriptUser(), user == null ? null : chat(user),
                user == null ? null : user.id(), user == null ? null : user.chatId());
        RunHost host = new RunHost(request.bot(), properties, urls);
        return workers.run(request.bot().id(), () -> engine.run(run, host)).flatMap(outcome -> commit(request, outcome));
    }

    private Mono<Answer> commit(RunRequest request, ScriptOutcome outcome) {
        countFailure(outcome.failure());
        return calls.nextId().flatMap(callId -> {
            Answer answer = answers.forOutcome(outcome, callId, request.redirectTo());
            ScriptFailure failure = outcome.failure();
            CallRecord record = record(request, callId, answer, failure == null ? null : failure.kind().name(),
                    failure == null ? null : failure.detail(), outcome.cpuTime());
            Effects effects = outcome.succeeded() ? outcome.effects() : Effects.NONE;
            return calls.insert(record)
                    .then(properties.apply(effects.propertyChanges()))
                    .then(messages.insert(request.bot().id(), callId, effects.messages()))
                    .as(transaction::transactional)
                    .thenReturn(answer);
        });
    }

    private void countFailure(ScriptFailure failure) {
        if (failure == null || failure.kind() == ScriptFailure.Kind.SCRIPT_ERROR) {
            return;
        }
        rejections.count(failure.kind() == ScriptFailure.Kind.INFRASTRUCTURE ? Rejection.UNAVAILABLE
                : Rejection.SCRIPT_LIMIT);
    }

    /** The run could not start (unknown command or user): the call is logged, nothing else happens. */
    private Mono<Answer> refuse(RunRequest request, int status, String reason) {
        rejections.count(Rejection.UNKNOWN_COMMAND);
        return calls.nextId().flatMap(callId -> {
            Answer answer = answers.error(status, reason, callId);
            return calls.insert(record(request, callId, answer, "REFUSED", reason, null)).thenReturn(answer);
        });
    }

    private CallRecord record(RunRequest request, long callId, Answer answer, String errorKind, String error,
            Duration cpuTime) {
        CallContext call = request.call();
        int durationMs = (int) Duration.ofNanos(System.nanoTime() - call.startNanos()).toMillis();
        return new CallRecord(callId, request.bot().id(), request.commandLine(), request.userId(), call.method(),
                call.url(), call.ip(), call.headers(), call.body(),
                answer.status(), answer.body() == null ? null : answer.body().getBytes(StandardCharsets.UTF_8), errorKind, error,
                cpuTime == null ? null : (int) cpuTime.toMillis(), durationMs, call.receivedAt());
    }

    private ObjectNode chat(BotUser user) {
        ObjectNode chat = json.createObjectNode();
        chat.put("chatid", user.chatId());
        chat.put("chat_type", "private");
        return chat;
    }
}
