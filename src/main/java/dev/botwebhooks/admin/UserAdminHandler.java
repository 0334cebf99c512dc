package dev.botwebhooks.admin;

import java.util.List;

import dev.botwebhooks.user.BotUser;
import dev.botwebhooks.user.UserDirectory;
import dev.botwebhooks.user.UserRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A bot's users: the profile a script sees as {@code user}. */
@Component
class UserAdminHandler {

    static final int MAX_PROFILE_BYTES = 16 * 1024;

    private final AdminAuthentication auth;
    private final UserRepository users;
    private final UserDirectory directory;
    private final JsonMapper json;

    UserAdminHandler(AdminAuthentication auth, UserRepository users, UserDirectory directory, JsonMapper json) {
        this.auth = auth;
        this.users = users;
        this.directory = directory;
        this.json = json;
    }

    Mono<ServerResponse> put(ServerRequest request) {
        long userId = AdminRequests.longPathVariable(request, "userId");
        return auth.bot(request).zipWith(AdminRequests.jsonObject(request))
                .flatMap(found -> {
                    ObjectNode profile = found.getT2();
                    profile.remove("id");
                    int size = json.writeValueAsBytes(profile).length;
                    if (size > MAX_PROFILE_BYTES) {
                        throw ApiProblem.badRequest("the user profile is " + size + " bytes, at most "
                                + MAX_PROFILE_BYTES);
                    }
                    return users.save(found.getT1(), userId, profile)
                            .doOnNext(saved -> directory.forget(saved.botId(), saved.id()));
                })
                .flatMap(user -> ServerResponse.ok().bodyValue(user.asScriptUser()));
    }

    record UserList(List<ObjectNode> users, Long nextAfter) {
    }

    /** Users by id; {@code ?after=<id>} pages on. */
    Mono<ServerResponse> list(ServerRequest request) {
        int limit = AdminRequests.limit(request);
        Long after = AdminRequests.longParam(request, "after").orElse(null);
        return auth.bot(request)
                .flatMap(botId -> users.list(botId, after, limit).collectList())
                .flatMap(list -> ServerResponse.ok().bodyValue(new UserList(list.stream().map(BotUser::asScriptUser).toList(),
                        list.size() == limit ? list.get(list.size() - 1).id() : null)));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        long userId = AdminRequests.longPathVariable(request, "userId");
        return auth.bot(request)
                .flatMap(botId -> users.find(botId, userId))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("user " + userId + " not found")))
                .map(BotUser::asScriptUser)
                .flatMap(user -> ServerResponse.ok().bodyValue(user));
    }
}
