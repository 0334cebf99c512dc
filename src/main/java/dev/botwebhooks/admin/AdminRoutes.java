package dev.botwebhooks.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** The admin API under /api/v1 (DESIGN.md, "Admin API"); errors are RFC 9457 problem+json. */
@Configuration(proxyBeanMethods = false)
class AdminRoutes {

    private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);
    private static final String BOT = "/api/v1/bots/{botId}";

    @Bean
    RouterFunction<ServerResponse> adminRouter(BotAdminHandler bots, CommandAdminHandler commands,
            UserAdminHandler users, WebhookUrlAdminHandler urls, BotDataAdminHandler data, CallReplayHandler replays) {
        return route()
                .POST("/api/v1/bots", bots::create)
                .GET(BOT, bots::get)
                .PATCH(BOT, bots::update)
                .DELETE(BOT, bots::delete)
                .POST(BOT + "/webhook-secret/rotate", bots::rotateWebhookSecret)
                .POST(BOT + "/commands", commands::save)
                .GET(BOT + "/commands", commands::list)
                .GET(BOT + "/commands/{name}", commands::get)
                .DELETE(BOT + "/commands/{name}", commands::delete)
                .PUT(BOT + "/users/{userId}", users::put)
                .GET(BOT + "/users/{userId}", users::get)
                .POST(BOT + "/webhook-urls", urls::create)
                .GET(BOT + "/properties", data::properties)
                .GET(BOT + "/calls", data::calls)
                .GET(BOT + "/calls/{callId}", data::call)
                .POST(BOT + "/calls/{callId}/replay", replays::replay)
                .GET(BOT + "/messages", data::messages)
                .GET(BOT + "/scheduled-runs", data::scheduledRuns)
                .filter((request, next) -> Mono.defer(() -> next.handle(request))
                        .onErrorResume(error -> problemFor(error, request)))
                .build();
    }

    /** Expected refusals become their problem; anything else is logged and the caller told only to retry. */
    private static Mono<ServerResponse> problemFor(Throwable error, ServerRequest request) {
        if (error instanceof ApiProblem problem) {
            return problem(problem.status(), problem.getMessage(), request);
        }
        if (error instanceof ResponseStatusException status) {
            return problem(HttpStatus.valueOf(status.getStatusCode().value()), status.getReason(), request);
        }
        log.error("admin request {} {} failed", request.method(), request.path(), error);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "the request could not be completed; retry later", request);
    }

    private static Mono<ServerResponse> problem(HttpStatus status, String detail, ServerRequest request) {
        Problem problem = new Problem("about:blank", status.getReasonPhrase(), status.value(), detail, request.path());
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
    }
}
