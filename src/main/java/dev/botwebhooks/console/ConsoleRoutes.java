package dev.botwebhooks.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.net.URI;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Serves the console's static files from {@code classpath:console/}. Every answer carries a Content-Security-Policy
 * that allows only this origin's scripts, styles and API (no inline script, no framing), so that a value the page
 * shows can never run as code even if it slipped past the page's own text-only rendering.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final Resource INDEX = new ClassPathResource("console/index.html");

    @Bean
    RouterFunction<ServerResponse> consoleRouter() {
        return route()
                // The page's relative module paths resolve under /console/ only.
                .GET("/console", request -> ServerResponse.permanentRedirect(URI.create("/console/")).build())
                .GET("/console/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(INDEX))
                .add(RouterFunctions.resources("/console/**", new ClassPathResource("console/")))
                .filter(secured())
                .build();
    }

    private static HandlerFilterFunction<ServerResponse, ServerResponse> secured() {
        return (request, next) -> {
            // On the exchange, not the ServerResponse (read-only once built): Spring adds these to whatever it writes.
            HttpHeaders headers = request.exchange().getResponse().getHeaders();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            // Small files that change with each release: always revalidated, never a stale page.
            headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
            return next.handle(request);
        };
    }
}
