package dev.botwebhooks.admin;

import dev.botwebhooks.call.CallFilter;
import dev.botwebhooks.call.CallRepository;
import dev.botwebhooks.job.JobRepository;
import dev.botwebhooks.job.JobView;
import dev.botwebhooks.message.MessageRepository;
import dev.botwebhooks.message.StoredMessage;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.property.StoredProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What a bot's runs left behind: properties, the call log, the chat log, Bot.run jobs. Every list is bounded. */
@Component
class BotDataAdminHandler {

    private final AdminAuthentication auth;
    private final PropertyRepository properties;
    private final CallRepository calls;
    private final MessageRepository messages;
    private final JobRepository scheduledRuns;

    private static final Set<String> RUN_STATUSES = Set.of("pending", "done", "failed", "cancelled");

    BotDataAdminHandler(AdminAuthentication auth, PropertyRepository properties, CallRepository calls,
            MessageRepository messages, JobRepository scheduledRuns) {
        this.auth = auth;
        this.properties = properties;
        this.calls = calls;
        this.messages = messages;
        this.scheduledRuns = scheduledRuns;
    }

    record PropertyView(Long userId, String name, String type, JsonNode value, Instant updatedAt) {
        static PropertyView of(StoredProperty property) {
            return new PropertyView(property.userId(), property.name(), property.value().type().wireName(),
                    property.value().value(), property.updatedAt());
        }
    }

    record PropertyList(List<PropertyView> properties) {
    }

    /** {@code next_before} is the {@code before} of the next page, null on the last one. */
    record CallList(List<CallView> calls, Long nextBefore) {
    }

    record MessageList(List<StoredMessage> messages) {
    }

    record ScheduledRunList(List<JobView> scheduledRuns) {
    }

    Mono<ServerResponse> properties(ServerRequest request) {
        Long userId = AdminRequests.longParam(request, "user_id").orElse(null);
        int limit = AdminRequests.limit(request);
        return auth.bot(request)
                .flatMap(botId -> properties.list(botId, userId, limit).map(PropertyView::of).collectList())
                .flatMap(list -> ServerResponse.ok().bodyValue(new PropertyList(list)));
    }

    Mono<ServerResponse> calls(ServerRequest request) {
        Long before = AdminRequests.longParam(request, "before").orElse(null);
        int limit = AdminRequests.limit(request);
        CallFilter filter = CallFilters.of(request);
        return auth.bot(request)
                .flatMap(botId -> calls.list(botId, filter, before, limit).map(CallView::of).collectList())
                .flatMap(list -> ServerResponse.ok().bodyValue(
                        new CallList(list, list.size() == limit ? list.get(list.size() - 1).id() : null)));
    }

    Mono<ServerResponse> call(ServerRequest request) {
        long callId = AdminRequests.longPathVariable(request, "callId");
        return auth.bot(request)
                .flatMap(botId -> calls.find(botId, callId))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("call " + callId + " not found")))
                .flatMap(call -> ServerResponse.ok().bodyValue(CallView.of(call)));
    }

    Mono<ServerResponse> messages(ServerRequest request) {
        Long userId = AdminRequests.longParam(request, "user_id").orElse(null);
        int limit = AdminRequests.limit(request);
        return auth.bot(request)
                .flatMap(botId -> messages.list(botId, userId, limit).collectList())
                .flatMap(list -> ServerResponse.ok().bodyValue(new MessageList(list)));
    }

    /** A failed outgoing message goes back to the outbox, from its first attempt; 409 for one that did not fail. */
    Mono<ServerResponse> retryMessage(ServerRequest request) {
        long messageId = AdminRequests.longPathVariable(request, "messageId");
        return auth.bot(request)
                .flatMap(botId -> messages.retry(botId, messageId))
                .flatMap(retried -> retried ? ServerResponse.noContent().build()
                        : Mono.error(ApiProblem.conflict("message " + messageId + " is not a failed message of this bot")));
    }

    Mono<ServerResponse> scheduledRuns(ServerRequest request) {
        String status = request.queryParam("status").orElse(null);
        if (status != null && !RUN_STATUSES.contains(status)) {
            return Mono.error(ApiProblem.badRequest("status must be one of pending, done, failed, cancelled"));
        }
        int limit = AdminRequests.limit(request);
        return auth.bot(request)
                .flatMap(botId -> scheduledRuns.list(botId, status, limit).collectList())
                .flatMap(list -> ServerResponse.ok().bodyValue(new ScheduledRunList(list)));
    }
}
