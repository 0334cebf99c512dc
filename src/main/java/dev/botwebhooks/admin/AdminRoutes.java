package dev.botwebhooks.admin;

import dev.botwebhooks.logging.ThrottledLog;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** The admin API under /api/v1; errors are RFC 9457 problem+json. */
@Configuration(proxyBeanMethods = false)
class AdminRoutes {

    private static final ThrottledLog failures =
            new ThrottledLog(LoggerFactory.getLogger(AdminRoutes.class), Duration.ofMinutes(1));
    private static final String BOT = "/api/v1/bots/{botId}";

    @Bean
    RouterFunction<ServerResponse> adminRouter(BotAdminHandler bots, CommandAdminHandler commands,
            UserAdminHandler users, WebhookUrlAdminHandler urls, BotDataAdminHandler data, CallReplayHandler replays,
            BotArchiveHandler archives, CallAdminHandler calls, TestRunHandler testRuns, RefusedCallsHandler refused,
            AdminPanelHandler panels, OpenApiDocument openApi, AdminAuthentication auth) {
        return route()
                .GET(OpenApiDocument.PATH, openApi::serve)
                .POST("/api/v1/bots", bots::create)
                .GET("/api/v1/bots", bots::list)
                .GET(BOT, bots::get)
                .PATCH(BOT, bots::update)
                .DELETE(BOT, bots::delete)
                .POST(BOT + "/webhook-secret/rotate", bots::rotateWebhookSecret)
                .POST(BOT + "/api-key/rotate", bots::rotateApiKey)
                .POST(BOT + "/commands", commands::save)
                .GET(BOT + "/commands", commands::list)
                .GET(BOT + "/commands/{name}", commands::get)
                .DELETE(BOT + "/commands/{name}", commands::delete)
                .POST(BOT + "/commands/{name}/test-run", testRuns::run)
                .GET(BOT + "/users", users::list)
                .PUT(BOT + "/users/{userId}", users::put)
                .GET(BOT + "/users/{userId}", users::get)
                .POST(BOT + "/webhook-urls", urls::create)
                .GET(BOT + "/properties", data::properties)
                .GET(BOT + "/admin-panels", panels::list)
                .PATCH(BOT + "/admin-panels/{panelName}", panels::fill)
                .GET(BOT + "/calls", calls::list)
                // Before {callId}, which would take "per-minute" for an id.
                .GET(BOT + "/calls/per-minute", calls::perMinute)
                .GET(BOT + "/calls/{callId}", calls::get)
                .POST(BOT + "/calls/{callId}/replay", replays::replay)
                .GET(BOT + "/messages", data::messages)
                .POST(BOT + "/messages/{messageId}/retry", data::retryMessage)
                .GET(BOT + "/scheduled-runs", data::scheduledRuns)
                .POST(BOT + "/scheduled-runs/{runId}/cancel", data::cancelScheduledRun)
                .GET(BOT + "/refused-calls", refused::list)
                .POST(BOT + "/import", archives::importArchive)
                .GET(BOT + "/export", archives::exportArchive)
                // Last: any other path under the API is a problem too, not the framework's default page.
                .route(path("/api/v1/**"), request -> auth.caller(request).then(Mono.error(ApiProblem.notFound(
                        "no API route " + request.method() + " " + request.path() + "; see the README's Admin API"))))
                .filter((request, next) -> Mono.defer(() -> {
                            AdminRequests.requireStorable(request);
                            return next.handle(request);
                        })
                        .onErrorResume(InvalidMediaTypeException.class, malformed ->
                                // The caller's identity first: a request without a valid token is told 401.
                                auth.caller(request).then(Mono.<ServerResponse>error(ApiProblem.unsupportedMediaType(
                                        "Content-Type is not a media type: " + malformed.getMediaType())))
                                        .onErrorResume(error -> problemFor(error, request)))
                        .onErrorResume(error -> problemFor(error, request)))
                .build();
    }

    /** Expected refusals carry their problem; anything else is logged and the caller told only to retry. */
    static Mono<ServerResponse> problemFor(Throwable error, ServerRequest request) {
        ErrorResponse response = error instanceof ErrorResponse expected ? expected
                : unexpected(error, request);
        ProblemDetail problem = response.getBody();
        problem.setInstance(URI.create(request.path()));
        return ServerResponse.status(response.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers(headers -> headers.addAll(response.getHeaders()))
                .bodyValue(problem);
    }

    private static ErrorResponse unexpected(Throwable error, ServerRequest request) {
        failures.error("admin request {} {} failed", error, request.method(), request.path());
        return ApiProblem.unavailable("the request could not be completed; retry later");
    }
}
