package dev.botwebhooks.admin;

import dev.botwebhooks.bot.BotRepository;
import dev.botwebhooks.url.WebhookUrlRequest;
import dev.botwebhooks.url.WebhookUrls;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** {@code POST /api/v1/bots/{id}/webhook-urls}: the same URL Libs.Webhooks.getUrlFor makes. */
@Component
class WebhookUrlAdminHandler {

    private final AdminAuthentication auth;
    private final BotRepository bots;
    private final WebhookUrls urls;
    private final JsonMapper json;

    WebhookUrlAdminHandler(AdminAuthentication auth, BotRepository bots, WebhookUrls urls, JsonMapper json) {
        this.auth = auth;
        this.bots = bots;
        this.urls = urls;
        this.json = json;
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return auth.bot(request).zipWith(AdminRequests.jsonObject(request))
                .flatMap(found -> bots.findById(found.getT1()).map(bot -> {
                    ObjectNode body = found.getT2();
                    WebhookUrlRequest urlRequest = new WebhookUrlRequest(
                            AdminRequests.optionalString(body, "command", Integer.MAX_VALUE), content(body.get("content")),
                            AdminRequests.optionalLong(body, "user_id"),
                            AdminRequests.optionalString(body, "redirect_to", Integer.MAX_VALUE),
                            AdminRequests.optionalLong(body, "expires_in"));
                    try {
                        return urls.urlFor(bot, urlRequest);
                    } catch (IllegalArgumentException invalid) {
                        throw ApiProblem.badRequest(invalid.getMessage());
                    }
                }))
                .flatMap(url -> ServerResponse.ok().bodyValue(Map.of("url", url)));
    }

    /** As in scripts: a string is taken as is, any other JSON value as its JSON text. */
    private String content(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        return content.isString() ? content.asString() : json.writeValueAsString(content);
    }
}
