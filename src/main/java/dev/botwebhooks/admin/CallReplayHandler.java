package dev.botwebhooks.admin;

import dev.botwebhooks.bot.BotRepository;
import dev.botwebhooks.call.CallRepository;
import dev.botwebhooks.pipeline.ScriptWorkers;
import dev.botwebhooks.pipeline.WebhookConcurrency;
import dev.botwebhooks.run.CommandRunner;
import dev.botwebhooks.run.CommitHook;
import dev.botwebhooks.run.RunResult;
import dev.botwebhooks.run.RunRequest;
import dev.botwebhooks.webhook.CallReplay;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * {@code POST /api/v1/bots/{id}/calls/{callId}/replay}: runs a logged request again as a new call
 * linked to the original. The bot's owner asks for it, so our URL signature, the provider signature
 * and idempotency are not checked: the script runs, with today's code, data and settings.
 */
@Component
class CallReplayHandler {

    private final AdminAuthentication auth;
    private final CallRepository calls;
    private final BotRepository bots;
    private final CallReplay requests;
    private final CommandRunner runner;
    private final WebhookConcurrency concurrency;
    private final Clock clock;

    CallReplayHandler(AdminAuthentication auth, CallRepository calls, BotRepository bots, CallReplay requests,
            CommandRunner runner, WebhookConcurrency concurrency, Clock clock) {
        this.auth = auth;
        this.calls = calls;
        this.bots = bots;
        this.requests = requests;
        this.runner = runner;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** @param callId the new call */
    record Replay(long callId, int status, String body) {
    }

    Mono<ServerResponse> replay(ServerRequest request) {
        long callId = AdminRequests.longPathVariable(request, "callId");
        return auth.bot(request)
                .flatMap(botId -> calls.find(botId, callId)
                        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("call " + callId + " not found")))
                        .zipWith(bots.findById(botId)))
                .flatMap(found -> {
                    if (found.getT1().command() == null) {
                        throw ApiProblem.badRequest("call " + callId + " names no command, so it cannot be run again");
                    }
                    RunRequest run = requests.rebuild(found.getT2(), found.getT1(), clock.instant());
                    CommitHook link = result -> calls.markReplay(result.callId(), callId);
                    // A replay counts against the same bound as a webhook: it runs the same way.
                    return concurrency.admit(() -> runner.run(run, link)).onErrorResume(ScriptWorkers.Overloaded.class,
                            overloaded -> Mono.just(new RunResult.Overloaded()));
                })
                .flatMap(result -> {
                    if (result instanceof RunResult.Logged logged) {
                        return ServerResponse.ok().bodyValue(new Replay(logged.callId(), logged.answer().status(),
                                logged.answer().body()));
                    }
                    throw result instanceof RunResult.Overloaded
                            ? ApiProblem.unavailable("the script workers are busy; retry later")
                            : ApiProblem.unavailable("the run could not be completed; retry later");
                });
    }
}
