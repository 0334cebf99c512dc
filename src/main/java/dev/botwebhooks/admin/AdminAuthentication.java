package dev.botwebhooks.admin;

import dev.botwebhooks.bot.BotRepository;
import dev.botwebhooks.bot.Tokens;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Resolves the bearer token of an admin request. Another bot's resources answer 404, as if they
 * did not exist, so a key tells nothing about the bots it cannot manage.
 */
@Component
class AdminAuthentication {

    private static final String BEARER = "Bearer ";

    private final AdminToken adminToken;
    private final BotRepository bots;

    AdminAuthentication(AdminToken adminToken, BotRepository bots) {
        this.adminToken = adminToken;
        this.bots = bots;
    }

    Mono<Caller> caller(ServerRequest request) {
        String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.error(ApiProblem.unauthorized());
        }
        String token = header.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            return Mono.error(ApiProblem.invalidToken());
        }
        if (adminToken.matches(token)) {
            return Mono.just(new Caller.PlatformAdmin());
        }
        return bots.findIdByApiKeyHash(Tokens.sha256(token))
                .<Caller>map(Caller.BotKey::new)
                .switchIfEmpty(Mono.error(ApiProblem.invalidToken()));
    }

    Mono<Void> requireAdmin(ServerRequest request) {
        return caller(request).flatMap(caller -> caller instanceof Caller.PlatformAdmin ? Mono.<Void>empty()
                : Mono.error(ApiProblem.forbidden("only the platform admin token may do this")));
    }

    /** The {@code {botId}} of the path, when the caller may manage that bot and it exists; else 404. */
    Mono<Long> bot(ServerRequest request) {
        long botId = AdminRequests.longPathVariable(request, "botId");
        return caller(request).flatMap(caller -> {
            if (caller instanceof Caller.BotKey key && key.botId() != botId) {
                return Mono.error(ApiProblem.notFound("bot " + botId + " not found"));
            }
            return bots.findById(botId).map(bot -> botId)
                    .switchIfEmpty(Mono.error(ApiProblem.notFound("bot " + botId + " not found")));
        });
    }
}
