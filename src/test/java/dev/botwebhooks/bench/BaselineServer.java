package dev.botwebhooks.bench;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.nio.charset.StandardCharsets;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The benchmark's baseline (`make bench`, scenario a): a bare WebFlux functional route on Reactor
 * Netty answering a constant JSON, on the same stack and JVM flags as the service, so the ratio
 * of a scenario to it measures what the service adds.
 */
public final class BaselineServer {

    private static final byte[] ANSWER = "{\"answer\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private BaselineServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        HttpHandler handler = RouterFunctions.toHttpHandler(route()
                .GET("/v1/bots/{botId}/new-webhook", request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(ANSWER))
                .POST("/v1/bots/{botId}/new-webhook", request -> request.bodyToMono(byte[].class)
                        .then(ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(ANSWER)))
                .build());
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        System.out.println("baseline listening on " + server.port());
        server.onDispose().block();
    }
}
