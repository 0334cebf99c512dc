package dev.botwebhooks.admin;

import dev.botwebhooks.call.CallFilter;
import dev.botwebhooks.call.CallRecord;
import dev.botwebhooks.call.CallRepository;
import dev.botwebhooks.call.MinuteCount;
import dev.botwebhooks.job.JobRepository;
import dev.botwebhooks.message.MessageRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The call log: pages of calls, one call with what it committed, and counts per minute for the console's chart. */
@Component
class CallAdminHandler {

    static final int DEFAULT_MINUTES = 60;
    /** A day: the chart's widest window, and a bound on the rows a count reads. */
    static final int MAX_MINUTES = 1440;

    private final AdminAuthentication auth;
    private final CallRepository calls;
    private final MessageRepository messages;
    private final JobRepository jobs;
    private final JsonMapper json;
    private final Clock clock;

    CallAdminHandler(AdminAuthentication auth, CallRepository calls, MessageRepository messages, JobRepository jobs,
            JsonMapper json, Clock clock) {
        this.auth = auth;
        this.calls = calls;
        this.messages = messages;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
    }

    /** {@code next_before} is the {@code before} of the next page, null on the last one. */
    record CallList(List<CallView> calls, Long nextBefore) {
    }

    record PerMinute(List<MinuteCount> minutes) {
    }

    Mono<ServerResponse> list(ServerRequest request) {
        Long before = AdminRequests.longParam(request, "before").orElse(null);
        int limit = AdminRequests.limit(request);
        CallFilter filter = CallFilters.of(request);
        return auth.bot(request)
                .flatMap(botId -> calls.list(botId, filter, before, limit).map(CallView::of).collectList())
                .flatMap(list -> ServerResponse.ok().bodyValue(
                        new CallList(list, list.size() == limit ? list.get(list.size() - 1).id() : null)));
    }

    /** The call as listed, with {@code effects}: its property writes, the messages and the jobs it made. */
    Mono<ServerResponse> get(ServerRequest request) {
        long callId = AdminRequests.longPathVariable(request, "callId");
        return auth.bot(request)
                .flatMap(botId -> calls.find(botId, callId))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("call " + callId + " not found")))
                .flatMap(call -> effects(call).map(effects -> {
                    ObjectNode shown = json.valueToTree(CallView.of(call));
                    shown.set("effects", json.valueToTree(effects));
                    return shown;
                }))
                .flatMap(shown -> ServerResponse.ok().bodyValue(shown));
    }

    private Mono<EffectsView> effects(CallRecord call) {
        return Mono.zip(messages.ofCall(call.botId(), call.id(), EffectsView.MAX_EACH).collectList(),
                        jobs.ofCall(call.botId(), call.id(), EffectsView.MAX_EACH).collectList())
                .map(found -> EffectsView.committed(call.propertyWrites(), found.getT1(), found.getT2()));
    }

    /** {@code ?minutes=60}: the last minutes, this one included; only minutes with calls are listed. */
    Mono<ServerResponse> perMinute(ServerRequest request) {
        long minutes = AdminRequests.longParam(request, "minutes").orElse((long) DEFAULT_MINUTES);
        if (minutes < 1 || minutes > MAX_MINUTES) {
            return Mono.error(ApiProblem.badRequest("minutes must be between 1 and " + MAX_MINUTES));
        }
        Instant since = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minutes - 1));
        return auth.bot(request)
                .flatMap(botId -> calls.perMinute(botId, since).collectList())
                .flatMap(counts -> ServerResponse.ok().bodyValue(new PerMinute(counts)));
    }
}
