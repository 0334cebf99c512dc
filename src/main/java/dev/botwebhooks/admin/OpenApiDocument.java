package dev.botwebhooks.admin;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * {@code GET /api/v1/openapi.json}: the admin API's OpenAPI 3.1 description, hand-written beside the routes
 * ({@code OpenApiDocumentTest} fails when a route and the document disagree). No token needed: it describes
 * the API, it holds no data.
 */
@Component
class OpenApiDocument {

    static final String PATH = "/api/v1/openapi.json";
    static final String RESOURCE = "openapi/admin-api.json";

    /** Read once at startup, never on an event loop. */
    private final byte[] document;

    OpenApiDocument() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document " + RESOURCE + " is missing from the jar", e);
        }
    }

    Mono<ServerResponse> serve(ServerRequest request) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .bodyValue(document);
    }
}
