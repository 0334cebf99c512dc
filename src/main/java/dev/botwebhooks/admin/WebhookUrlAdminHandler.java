package dev.botwebhooks.admin;

import dev.botwebhooks.bot.BotRepository;
import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.command.CommandLine;
import dev.botwebhooks.command.CommandRepository;
import dev.botwebhooks.url.WebhookUrlRequest;
import dev.botwebhooks.url.WebhookUrls;
import dev.botwebhooks.user.UserRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code POST /api/v1/bots/{id}/webhook-urls}: the same URL Libs.Webhooks.getUrlFor makes. */
@Component
class WebhookUrlAdminHandler {

    private final AdminAuthentication auth;
    private final BotRepository bots;
    private final WebhookUrls urls;
    private final JsonMapper json;
    private final CommandDirectory commands;
    private final CommandRepository repository;
    private final UserRepository users;

    WebhookUrlAdminHandler(AdminAuthentication auth, BotRepository bots, WebhookUrls urls, JsonMapper json,
            CommandDirectory commands, CommandRepository repository, UserRepository users) {
        this.commands = commands;
        this.repository = repository;
        this.users = users;
        this.auth = auth;
        this.bots = bots;
        this.urls = urls;
        this.json = json;
    }

    static final Set<String> FIELDS = Set.of("command", "content", "user_id", "redirect_to", "expires_in");

    /**
     * @param warnings what is odd about the URL but not wrong: it works, and may work only later (a user made
     *                 after the URL)
     */
    record MadeUrl(String url, List<String> warnings) {
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return auth.bot(request).zipWith(AdminRequests.jsonObject(request))
                .flatMap(found -> bots.findById(found.getT1()).flatMap(bot -> {
                    ObjectNode body = found.getT2();
                    AdminRequests.requireKnownFields(body, FIELDS);
                    WebhookUrlRequest urlRequest = new WebhookUrlRequest(
                            AdminRequests.optionalString(body, "command", Integer.MAX_VALUE), content(body.get("content")),
                            AdminRequests.optionalLong(body, "user_id"),
                            AdminRequests.optionalString(body, "redirect_to", Integer.MAX_VALUE),
                            AdminRequests.optionalLong(body, "expires_in"));
                    String url;
                    try {
                        url = urls.urlFor(bot, urlRequest);
                    } catch (IllegalArgumentException invalid) {
                        throw ApiProblem.badRequest(invalid.getMessage());
                    }
                    return requireCommand(bot.id(), urlRequest).zipWith(warnings(bot.id(), urlRequest), (reply, warnings) -> {
                                List<String> all = new ArrayList<>(warnings);
                                reply.ifPresent(all::add);
                                return new MadeUrl(url, all);
                            });
                }))
                .flatMap(made -> ServerResponse.ok().bodyValue(made));
    }

    /**
     * A URL for a command no text would call is a 400, matched as a webhook matches it (aliases, BB's {@code *}
     * master command): it would only ever answer 404. Saving the command first is the way round. A user's text may
     * also be the reply to a command waiting for one (BB's need_reply): for a bot that has such a command, the URL is
     * made, with a warning instead.
     */
    private Mono<Optional<String>> requireCommand(long botId, WebhookUrlRequest request) {
        if (request.command() == null) {
            return Mono.just(Optional.empty());
        }
        String name = CommandLine.parse(request.command()).name();
        return commands.match(botId, request.command()).flatMap(found -> {
            if (found.isPresent()) {
                return Mono.just(Optional.<String>empty());
            }
            Mono<Optional<String>> refused = Mono.error(ApiProblem.badRequest("command " + name
                    + " does not exist; save it first (POST .../commands), then make its URL"));
            if (request.userId() == null) {
                return refused;
            }
            return repository.hasWaitingCommands(botId).flatMap(waits -> waits ? Mono.just(Optional.of("no command takes "
                    + name + ": the URL runs only as the user's reply to a command waiting for one (need_reply), else 404"))
                    : refused);
        });
    }

    private Mono<List<String>> warnings(long botId, WebhookUrlRequest request) {
        return request.userId() == null ? Mono.just(List.of())
                : users.find(botId, request.userId()).map(found -> List.<String>of())
                .defaultIfEmpty(List.of("user " + request.userId() + " does not exist (yet): calls answer 404 until it does"));
    }

    /** As in scripts: a string is taken as is, any other JSON value as its JSON text. */
    private String content(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        return content.isString() ? content.asString() : json.writeValueAsString(content);
    }
}
