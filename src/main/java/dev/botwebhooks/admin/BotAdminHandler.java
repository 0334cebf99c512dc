package dev.botwebhooks.admin;

import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.bot.BotDirectory;
import dev.botwebhooks.bot.BotRepository;
import dev.botwebhooks.bot.Tokens;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Bots: create and list (platform admin), read, change settings, rotate the webhook secret or (admin) the API key, delete. */
@Component
class BotAdminHandler {

    static final int MAX_NAME_CHARS = 100;
    private static final int SECRET_BYTES = 32;

    private final AdminAuthentication auth;
    private final BotRepository bots;
    private final BotDirectory directory;

    BotAdminHandler(AdminAuthentication auth, BotRepository bots, BotDirectory directory) {
        this.auth = auth;
        this.bots = bots;
        this.directory = directory;
    }

    record CreatedBot(long id, String name, String apiKey) {
    }

    record BotView(long id, String name, ObjectNode settings, Instant createdAt) {
        static BotView of(Bot bot) {
            return new BotView(bot.id(), bot.name(), BotSettingsPatch.forDisplay(bot.settings().json()), bot.createdAt());
        }
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return auth.requireAdmin(request)
                .then(AdminRequests.jsonObject(request))
                .flatMap(body -> {
                    String name = AdminRequests.requiredString(body, "name", MAX_NAME_CHARS);
                    // The key is shown once, here; only its hash is stored.
                    String apiKey = Tokens.newToken("bwk_");
                    return bots.create(name.strip(), Tokens.sha256(apiKey), Tokens.randomBytes(SECRET_BYTES))
                            .map(bot -> new CreatedBot(bot.id(), bot.name(), apiKey));
                })
                .flatMap(created -> ServerResponse.created(URI.create("/api/v1/bots/" + created.id()))
                        .bodyValue(created));
    }

    record BotList(List<BotView> bots, Long nextBefore) {
    }

    /**
     * Every bot, newest first, for the platform admin; {@code ?before=<id>} pages on. A bot's key sees its own bot
     * only, so a console signed in with either lists what it may open.
     */
    Mono<ServerResponse> list(ServerRequest request) {
        int limit = AdminRequests.limit(request);
        Long before = AdminRequests.longParam(request, "before").orElse(null);
        return auth.caller(request)
                .flatMap(caller -> (caller instanceof Caller.BotKey key
                        ? bots.findById(key.botId()).filter(bot -> before == null || bot.id() < before).flux()
                        : bots.list(before, limit)).map(BotView::of).collectList())
                .flatMap(list -> ServerResponse.ok().bodyValue(new BotList(list,
                        list.size() == limit ? list.get(list.size() - 1).id() : null)));
    }

    /** A new API key when the bot's owner lost theirs: the platform admin only, since the old key may be gone. */
    Mono<ServerResponse> rotateApiKey(ServerRequest request) {
        long botId = AdminRequests.longPathVariable(request, "botId");
        String apiKey = Tokens.newToken("bwk_");
        return auth.requireAdmin(request)
                .then(bots.rotateApiKey(botId, Tokens.sha256(apiKey)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("bot " + botId + " not found")))
                .flatMap(bot -> ServerResponse.ok().bodyValue(new CreatedBot(bot.id(), bot.name(), apiKey)));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return auth.bot(request).flatMap(bots::findById)
                .flatMap(bot -> ServerResponse.ok().bodyValue(BotView.of(bot)));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        return auth.bot(request).zipWith(AdminRequests.jsonObject(request))
                .flatMap(found -> bots.findById(found.getT1()).flatMap(bot -> {
                    ObjectNode patch = found.getT2();
                    String name = patch.has("name") ? AdminRequests.requiredString(patch, "name", MAX_NAME_CHARS).strip()
                            : bot.name();
                    ObjectNode settings = BotSettingsPatch.apply((ObjectNode) bot.settings().json(), patch);
                    return bots.update(bot.id(), name, settings);
                }))
                .doOnNext(bot -> directory.forget(bot.id()))
                .flatMap(bot -> ServerResponse.ok().bodyValue(BotView.of(bot)));
    }

    /** Every URL made so far stops working: revocation, for a leaked URL or a departing provider. */
    Mono<ServerResponse> rotateWebhookSecret(ServerRequest request) {
        return auth.bot(request)
                .flatMap(botId -> bots.rotateWebhookSecret(botId, Tokens.randomBytes(SECRET_BYTES)))
                .doOnNext(bot -> directory.forget(bot.id()))
                .flatMap(bot -> ServerResponse.noContent().build());
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        return auth.bot(request)
                .flatMap(botId -> bots.delete(botId).doOnNext(deleted -> directory.forget(botId)))
                .flatMap(deleted -> deleted ? ServerResponse.noContent().build()
                        : Mono.error(ApiProblem.notFound("bot not found")));
    }
}
