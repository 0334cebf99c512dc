package dev.botwebhooks.webhook;


import dev.botwebhooks.url.WebhookParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

@Configuration(proxyBeanMethods = false)
class WebhookRoutes {

    @Bean
    RouterFunction<ServerResponse> webhookRouter(WebhookHandler handler, WebhookRequestMetrics metrics) {
        return route()
                .HEAD(WebhookParameters.PATH, handler::handle)
                .GET(WebhookParameters.PATH, handler::handle)
                .POST(WebhookParameters.PATH, handler::handle)
                .route(path(WebhookParameters.PATH), handler::methodNotAllowed)
                .filter(metrics)
                .build();
    }
}
