package dev.botwebhooks.admin;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 description of the admin API, written by hand and kept in the
 * repository ({@code src/main/resources/api/openapi.json}); OpenApiDocumentTest holds it to the routes and every admin
 * API test's answers to its schemas. No token needed: it says what the API is, nothing about any bot.
 */
@Component
class OpenApiDocument {

    static final String PATH = "/api/v1/openapi.json";
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final byte[] document;
    /** Of the content: the document changes only with a release, and a client revalidates with If-None-Match. */
    private final String etag;

    OpenApiDocument() {
        try (InputStream in = new ClassPathResource("api/openapi.json").getInputStream()) {
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("api/openapi.json is missing from the classpath", e);
        }
        etag = "\"" + DigestUtils.md5DigestAsHex(document) + "\"";
    }

    Mono<ServerResponse> serve(ServerRequest request) {
        return request.checkNotModified(etag)
                .switchIfEmpty(Mono.defer(() -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .eTag(etag).cacheControl(CACHE).bodyValue(document)));
    }
}
