package dev.botwebhooks.webhook;


import dev.botwebhooks.url.WebhookParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

@Configuration(proxyBeanMethods = false)
class WebhookRoutes {

    /**
     * First: webhooks are nearly every request, and the routers tried before this one would test each webhook
     * against every admin route's pattern. No other router's paths overlap this one's.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
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
