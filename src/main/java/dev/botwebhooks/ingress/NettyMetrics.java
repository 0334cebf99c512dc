package dev.botwebhooks.ingress;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

/**
 * Reactor Netty's own server metrics (connections, bytes, response times). Its uri tag is mapped
 * to a handful of route families: a raw path would make one time series per bot and URL.
 */
@Component
class NettyMetrics implements NettyServerCustomizer {

    @Override
    public HttpServer apply(HttpServer server) {
        return server.metrics(true, NettyMetrics::routeFamily);
    }

    static String routeFamily(String uri) {
        if (uri.startsWith("/v1/bots/")) {
            return "/v1/bots/{botId}/new-webhook";
        }
        if (uri.startsWith("/api/")) {
            return "/api";
        }
        if (uri.startsWith("/actuator") || uri.equals("/livez") || uri.equals("/readyz")) {
            return "/actuator";
        }
        return "/other";
    }
}
