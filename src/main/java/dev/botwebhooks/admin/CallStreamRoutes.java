package dev.botwebhooks.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** The live tail of the call log; problems as in the rest of the admin API. */
@Configuration(proxyBeanMethods = false)
class CallStreamRoutes {

    /** First: the admin router would take {@code stream} for a {@code {callId}}, and its catch-all answers 404. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> callStreamRouter(CallStreamHandler handler) {
        return route()
                .GET("/api/v1/bots/{botId}/calls/stream", handler::stream)
                .filter((request, next) -> next.handle(request)
                        .onErrorResume(error -> AdminRoutes.problemFor(error, request)))
                .build();
    }
}
