package dev.botwebhooks.admin;

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

/** What a bot's runs left behind: properties, the chat log, Bot.run jobs. Every list is bounded. */
@Component
class BotDataAdminHandler {

    private final AdminAuthentication auth;
    private final PropertyRepository properties;
    private final MessageRepository messages;
    private final JobRepository scheduledRuns;

    private static final Set<String> RUN_STATUSES = Set.of("pending", "done", "failed", "cancelled");

    BotDataAdminHandler(AdminAuthentication auth, PropertyRepository properties,
            MessageRepository messages, JobRepository scheduledRuns) {
        this.auth = auth;
        this.properties = properties;
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

    /** A pending job is cancelled (and shown); one that ran, failed or was cancelled already is a 409. */
    Mono<ServerResponse> cancelScheduledRun(ServerRequest request) {
        long runId = AdminRequests.longPathVariable(request, "runId");
        return auth.bot(request)
                .flatMap(botId -> scheduledRuns.cancel(botId, runId).flatMap(cancelled -> scheduledRuns.find(botId, runId)
                        .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("scheduled run " + runId + " not found")))
                        .map(run -> {
                            if (!cancelled) {
                                throw ApiProblem.conflict("scheduled run " + runId + " is " + run.status()
                                        + ", not pending: only a pending run can be cancelled");
                            }
                            return run;
                        })))
                .flatMap(run -> ServerResponse.ok().bodyValue(run));
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
