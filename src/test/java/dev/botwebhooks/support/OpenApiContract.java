package dev.botwebhooks.support;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admin API's OpenAPI document ({@code src/main/resources/api/openapi.json}) as a test oracle: every answer under
 * {@code /api/v1} that an end-to-end test's client receives is checked against the operation it documents: the status
 * must be documented, the required headers present (WWW-Authenticate on 401, Retry-After on 503), the media type
 * documented, and a JSON body valid against its schema (JSON Schema 2020-12, the OpenAPI 3.1 dialect, formats
 * asserted). A path no documented route matches is the API's catch-all, which answers problems only.
 */
public final class OpenApiContract {

    public static final String DOCUMENT = "api/openapi.json";
    private static final String API = "/api/v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASE = "https://bot-webhooks.invalid/api/v1/openapi.json";
    private static final OpenApiContract INSTANCE = new OpenApiContract(load(DOCUMENT), DOCUMENT);

    private final String name;
    private final JsonNode document;
    private final List<Map.Entry<PathPattern, String>> templates = new ArrayList<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * @param document the document; a test may hand a changed copy to prove the checks bite
     * @param name     what failures call it
     */
    public OpenApiContract(JsonNode document, String name) {
        this.document = document;
        this.name = name;
        PathPatternParser parser = new PathPatternParser();
        document.get("paths").propertyNames().forEach(template -> templates.add(Map.entry(parser.parse(template), template)));
        // Literal segments before variables: /calls/per-minute before /calls/{callId}, as the router orders them.
        templates.sort(Map.Entry.comparingByKey(PathPattern.SPECIFICITY_COMPARATOR));
        // The document under an id of its own, so that its $refs resolve within this copy of it.
        String text = JSON.writeValueAsString(document);
        registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(BASE, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** The document on the classpath, as the service serves it. */
    public static JsonNode load(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpenApiContract instance() {
        return INSTANCE;
    }

    public JsonNode document() {
        return document;
    }

    /** The documented path template that a request's raw path matches, the most specific one. */
    public Optional<String> template(String rawPath) {
        PathContainer path = PathContainer.parsePath(rawPath);
        return templates.stream().filter(entry -> entry.getKey().matches(path)).map(Map.Entry::getValue).findFirst();
    }

    /** What is wrong with one answer; empty when it is what the document says. A null body was not read. */
    public List<String> problems(HttpMethod method, URI uri, int status, HttpHeaders headers, byte[] body) {
        List<String> problems = new ArrayList<>();
        String path = uri.getRawPath();
        String operationName = method + " " + path;
        Optional<String> template = template(path);
        JsonNode operation = template.map(t -> document.get("paths").get(t).get(method.name().toLowerCase(Locale.ROOT)))
                .orElse(null);
        String pointer;
        JsonNode response;
        if (operation == null) {
            // The admin router's catch-all: no route, so a 404 problem (a 401 first for a caller without a token).
            if (status != 401 && status != 404) {
                problems.add(operationName + " matches no documented operation and answered " + status
                        + ", not the catch-all's 401 or 404");
                return problems;
            }
            pointer = "/components/responses/" + (status == 401 ? "Unauthorized" : "NotFound");
            response = at(pointer);
        } else {
            operationName = method + " " + template.get() + " (" + path + ")";
            pointer = "/paths/" + escape(template.get()) + "/" + method.name().toLowerCase(Locale.ROOT) + "/responses/" + status;
            response = at(pointer);
            if (response == null) {
                problems.add(operationName + " answered " + status + ", which the document does not list for it: "
                        + operation.get("responses").propertyNames());
                return problems;
            }
            if (response.has("$ref")) {
                pointer = response.get("$ref").asString().substring(1);
                response = at(pointer);
            }
        }
        JsonNode documentedHeaders = response.path("headers");
        for (String name : documentedHeaders.propertyNames()) {
            if (documentedHeaders.get(name).path("required").asBoolean(false) && headers.getFirst(name) == null) {
                problems.add(operationName + " answered " + status + " without the required header " + name);
            }
        }
        JsonNode content = response.get("content");
        MediaType type = headers.getContentType();
        if (content == null) {
            if (type != null || (body != null && body.length > 0)) {
                problems.add(operationName + " answered " + status + " with a body (" + type + "), but the document says none");
            }
            return problems;
        }
        if (type == null) {
            problems.add(operationName + " answered " + status + " without a Content-Type; documented: " + content.propertyNames());
            return problems;
        }
        String media = type.getType() + "/" + type.getSubtype();
        if (!content.has(media)) {
            problems.add(operationName + " answered " + status + " as " + media + "; documented: " + content.propertyNames());
            return problems;
        }
        if (body == null || !isJson(type)) {
            return problems;
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (JacksonException malformed) {
            problems.add(operationName + " answered " + status + " with a body that is not JSON: " + malformed.getOriginalMessage());
            return problems;
        }
        String schemaPointer = pointer + "/content/" + escape(media) + "/schema";
        for (Error error : schema(schemaPointer).validate(instance)) {
            problems.add(operationName + " answered " + status + ": " + error + " (schema #" + schemaPointer + ")");
        }
        return problems;
    }

    /** Fails with every problem of one answer. */
    public void assertConforms(HttpMethod method, URI uri, int status, HttpHeaders headers, byte[] body) {
        List<String> problems = problems(method, uri, status, headers, body);
        if (!problems.isEmpty()) {
            throw new AssertionError("the answer disagrees with " + name + ":\n  " + String.join("\n  ", problems)
                    + (body == null ? "" : "\nbody: " + new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    /**
     * For a WebClient or WebTestClient: checks each admin API answer before the test sees it. A JSON body is read,
     * checked and handed on unchanged; any other body (an event stream, a zip) is left unread, its media type checked.
     */
    public ExchangeFilterFunction filter() {
        return (request, next) -> next.exchange(request).flatMap(response -> {
            URI uri = request.url();
            if (!uri.getRawPath().equals(API) && !uri.getRawPath().startsWith(API + "/")) {
                return Mono.just(response);
            }
            HttpHeaders headers = response.headers().asHttpHeaders();
            MediaType type = headers.getContentType();
            if (type != null && isJson(type)) {
                return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(body -> {
                    assertConforms(request.method(), uri, response.statusCode().value(), headers, body);
                    return response.mutate().body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body))).build();
                });
            }
            assertConforms(request.method(), uri, response.statusCode().value(), headers, null);
            return Mono.just(response);
        });
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(
                // A JSON Pointer in a URI fragment is percent-encoded (RFC 6901, section 6): the templates' braces.
                SchemaLocation.of(BASE + "#" + p.replace("{", "%7B").replace("}", "%7D"))));
    }

    private JsonNode at(String pointer) {
        JsonNode node = document.at(pointer);
        return node.isMissingNode() ? null : node;
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }

    /** A JSON Pointer's reference token (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
