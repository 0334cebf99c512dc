package dev.botwebhooks.admin;

import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.support.OpenApiContract;
import dev.botwebhooks.script.InstalledLibs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenAPI document at /api/v1/openapi.json against the routes that serve the API: the router beans are walked
 * (RouterFunctions.Visitor) and every (method, path) they route must be documented, and every documented operation
 * routed. That every answer fits the document is checked on each admin API test's client (OpenApiContract).
 */
class OpenApiDocumentTest extends EndToEndTest {

    private static final Set<HttpMethod> HTTP_METHODS = Set.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST,
            HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    @Autowired
    @Qualifier("adminRouter")
    RouterFunction<ServerResponse> adminRouter;

    @Autowired
    @Qualifier("callStreamRouter")
    RouterFunction<ServerResponse> callStreamRouter;

    private final JsonNode document = OpenApiContract.instance().document();

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() {
        Routes routes = Routes.of(adminRouter, callStreamRouter);
        Set<String> documented = documentedOperations(document);

        assertThat(minus(routes.operations(), documented)).as("routes the document lacks").isEmpty();
        assertThat(minus(documented, routes.operations())).as("documented operations no route serves").isEmpty();
        // Anything else under the API is the admin router's catch-all, which answers a 404 problem.
        assertThat(routes.withoutMethod()).containsExactly("/api/v1/**");
    }

    @Test
    void theComparisonFailsWhenARouteOrADocumentedPathIsMissing() {
        Routes routes = Routes.of(adminRouter, callStreamRouter);
        Set<String> documented = documentedOperations(document);
        Set<String> lacking = new TreeSet<>(documented);
        lacking.remove("GET /api/v1/bots/{botId}/calls/stream");
        assertThat(minus(routes.operations(), lacking)).containsExactly("GET /api/v1/bots/{botId}/calls/stream");
        Set<String> extra = new TreeSet<>(documented);
        extra.add("GET /api/v1/bots/{botId}/no-such-route");
        assertThat(minus(extra, routes.operations())).containsExactly("GET /api/v1/bots/{botId}/no-such-route");
    }

    @Test
    void everyOperationSaysWhoMayCallItAndHowItFails() {
        JsonNode paths = document.get("paths");
        for (String path : paths.propertyNames()) {
            Set<String> variables = new TreeSet<>();
            Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(path);
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
            for (String method : paths.get(path).propertyNames()) {
                if (method.equals("parameters")) {
                    continue;
                }
                JsonNode operation = paths.get(path).get(method);
                String name = method.toUpperCase() + " " + path;
                Set<String> declared = new TreeSet<>();
                List<JsonNode> parameters = new ArrayList<>();
                paths.get(path).path("parameters").forEach(parameters::add);
                operation.path("parameters").forEach(parameters::add);
                for (JsonNode parameter : parameters) {
                    JsonNode resolved = resolve(parameter);
                    if (resolved.get("in").asString().equals("path")) {
                        declared.add(resolved.get("name").asString());
                    }
                }
                assertThat(declared).as(name + ": its path parameters").isEqualTo(variables);
                JsonNode responses = operation.get("responses");
                boolean secured = !operation.has("security") || !operation.get("security").isEmpty();
                if (secured) {
                    assertThat(responses.has("401")).as(name + " answers 401").isTrue();
                    assertThat(responses.has("503")).as(name + " answers 503").isTrue();
                }
                if (operation.has("requestBody") && operation.get("requestBody").get("content").has("application/json")) {
                    assertThat(responses.has("400")).as(name + " refuses a bad body").isTrue();
                }
            }
        }
        assertThat(resolve(document.at("/components/responses/Unauthorized")).at("/headers/WWW-Authenticate/required").asBoolean())
                .isTrue();
        assertThat(document.at("/components/responses/Unavailable/headers/Retry-After/required").asBoolean()).isTrue();
        assertThat(document.at("/components/parameters/limit/schema/minimum").asInt()).isEqualTo(1);
        assertThat(document.at("/components/parameters/limit/schema/maximum").asInt()).isEqualTo(AdminRequests.MAX_LIMIT);
        assertThat(document.at("/components/schemas/WebhookUrlRequest/properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(WebhookUrlAdminHandler.FIELDS);
        assertThat(document.at("/components/schemas/TestRunRequest/properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(TestRunHandler.FIELDS);
        assertThat(document.at("/components/schemas/BotPatch/properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(union(BotSettingsPatch.SETTINGS, Set.of("name")));
        assertThat(document.at("/components/schemas/BotSettings/properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(BotSettingsPatch.SETTINGS);
        List<String> libs = new ArrayList<>();
        document.at("/components/schemas/Libs/items/enum").forEach(name -> libs.add(name.asString()));
        assertThat(libs).containsExactlyInAnyOrderElementsOf(InstalledLibs.available());
        assertRefsResolve(document);
    }

    @Test
    void isServedWithoutATokenAndCanBeCached() {
        String etag = http.get().uri(OpenApiDocument.PATH).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("max-age"))
                .expectBody().jsonPath("$.openapi").isEqualTo("3.1.0")
                .returnResult().getResponseHeaders().getETag();
        assertThat(etag).isNotBlank();
        http.get().uri(OpenApiDocument.PATH).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified();
    }

    @Test
    void anAnswerThatDisagreesWithTheDocumentFailsTheTest() {
        // The same document with a bot's settings made a string: a bot's real answer must then fail.
        JsonNode changed = OpenApiContract.load(OpenApiContract.DOCUMENT);
        ((ObjectNode) changed.at("/components/schemas/Bot/properties")).putObject("settings").put("type", "string");
        OpenApiContract wrong = new OpenApiContract(changed, "a deliberately wrong copy");
        String body = bots.create("contract").get("").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        URI uri = URI.create("/api/v1/bots/1");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        OpenApiContract.instance().assertConforms(HttpMethod.GET, uri, 200, json, bytes);
        assertThatThrownBy(() -> wrong.assertConforms(HttpMethod.GET, uri, 200, json, bytes))
                .hasMessageContaining("settings");
        byte[] extraField = body.replaceFirst("\\{", "{\"extra\":1,").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OpenApiContract.instance().assertConforms(HttpMethod.GET, uri, 200, json, extraField))
                .hasMessageContaining("extra");
        assertThatThrownBy(() -> OpenApiContract.instance().assertConforms(HttpMethod.GET, uri, 418, json, bytes))
                .hasMessageContaining("418");
        assertThatThrownBy(() -> OpenApiContract.instance().assertConforms(HttpMethod.GET, uri, 401, json, bytes))
                .hasMessageContaining("WWW-Authenticate");
        assertThatThrownBy(() -> OpenApiContract.instance().assertConforms(HttpMethod.DELETE, uri, 204, json, bytes))
                .hasMessageContaining("body");
    }

    private static Set<String> minus(Set<String> all, Set<String> removed) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(removed);
        return rest;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asString().substring(1)) : node;
    }

    private void assertRefsResolve(JsonNode node) {
        if (node.has("$ref") && node.get("$ref").isString()) {
            String ref = node.get("$ref").asString();
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as("$ref " + ref + " resolves").isFalse();
        }
        node.values().forEach(this::assertRefsResolve);
    }

    static Set<String> documentedOperations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        JsonNode paths = document.get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                if (HTTP_METHODS.contains(HttpMethod.valueOf(method.toUpperCase()))) {
                    operations.add(method.toUpperCase() + " " + path);
                }
            }
        }
        return operations;
    }

    /** The (method, path) pairs of router functions, read with the visitors Spring offers for this. */
    record Routes(Set<String> operations, List<String> withoutMethod) {

        static Routes of(RouterFunction<?>... routers) {
            Routes routes = new Routes(new TreeSet<>(), new ArrayList<>());
            for (RouterFunction<?> router : routers) {
                router.accept(new RouterFunctions.Visitor() {
                    @Override
                    public void startNested(RequestPredicate predicate) {
                        throw new AssertionError("nested routes: this walk does not prefix their paths yet: " + predicate);
                    }

                    @Override
                    public void endNested(RequestPredicate predicate) {
                    }

                    @Override
                    public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
                        PredicateParts parts = new PredicateParts();
                        predicate.accept(parts);
                        assertThat(parts.paths).as("one path per route: " + predicate).hasSize(1);
                        if (parts.methods.isEmpty()) {
                            routes.withoutMethod().add(parts.paths.get(0));
                        }
                        parts.methods.forEach(method -> routes.operations().add(method + " " + parts.paths.get(0)));
                    }

                    @Override
                    public void resources(Function<ServerRequest, Mono<Resource>> lookup) {
                        throw new AssertionError("the admin API serves no static resources");
                    }

                    @Override
                    public void attributes(Map<String, Object> attributes) {
                    }

                    @Override
                    public void unknown(RouterFunction<?> routerFunction) {
                        throw new AssertionError("a router function the walk cannot read: " + routerFunction);
                    }
                });
            }
            return routes;
        }
    }

    /** The methods and path patterns of one route's predicate, e.g. GET and /api/v1/bots/{botId}. */
    private static final class PredicateParts implements RequestPredicates.Visitor {

        final List<String> methods = new ArrayList<>();
        final List<String> paths = new ArrayList<>();

        @Override
        public void method(Set<HttpMethod> methods) {
            methods.forEach(method -> this.methods.add(method.name()));
        }

        @Override
        public void path(String pattern) {
            paths.add(pattern);
        }

        @Override
        public void pathExtension(String extension) {
            throw new AssertionError("a path extension predicate: " + extension);
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void queryParam(String name, String value) {
            throw new AssertionError("a route chosen by query parameter " + name + ": document it, then read it here");
        }

        @Override
        public void version(String version) {
            throw new AssertionError("a versioned route: " + version);
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
            throw new AssertionError("a route with alternatives: this walk reads only and-ed predicates");
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
            throw new AssertionError("a negated predicate");
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
            throw new AssertionError("a predicate the walk cannot read: " + predicate);
        }
    }
}
