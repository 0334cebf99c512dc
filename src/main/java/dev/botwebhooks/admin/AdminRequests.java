package dev.botwebhooks.admin;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/** Reading path variables, query parameters and JSON bodies of admin requests, with clear 400s. */
final class AdminRequests {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final String NUL_REFUSED = "text may not contain the NUL character (\\u0000)";

    private AdminRequests() {
    }

    static long longPathVariable(ServerRequest request, String name) {
        String value = request.pathVariable(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound(name + " '" + value + "' not found");
        }
    }

    static Optional<Long> longParam(ServerRequest request, String name) {
        return request.queryParam(name).map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest(name + " must be a whole number, got '" + value + "'");
            }
        });
    }

    /** {@code limit} in 1..MAX_LIMIT, default DEFAULT_LIMIT: every list is bounded. */
    static int limit(ServerRequest request) {
        long limit = longParam(request, "limit").orElse((long) DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return (int) limit;
    }

    static Mono<ObjectNode> jsonObject(ServerRequest request) {
        return Mono.defer(() -> request.bodyToMono(JsonNode.class))
                // An unreadable Content-Type is the router's to answer (415, after the caller's token is checked).
                .onErrorMap(error -> !(error instanceof ApiProblem) && !(error instanceof InvalidMediaTypeException),
                        error -> ApiProblem.badRequest("the body must be a JSON object"))
                .switchIfEmpty(Mono.error(() -> ApiProblem.badRequest("a JSON object body is required")))
                .map(node -> {
                    if (!node.isObject()) {
                        throw ApiProblem.badRequest("the body must be a JSON object");
                    }
                    requireStorable(node);
                    return (ObjectNode) node;
                });
    }

    /** PostgreSQL's text and jsonb cannot hold the NUL character: refused here, with a 400, not at the insert. */
    static void requireStorable(JsonNode node) {
        if (node.isString() && node.asString().indexOf('\u0000') >= 0) {
            throw ApiProblem.badRequest(NUL_REFUSED);
        }
        for (String name : node.propertyNames()) {
            if (name.indexOf('\u0000') >= 0) {
                throw ApiProblem.badRequest(NUL_REFUSED);
            }
        }
        node.values().forEach(AdminRequests::requireStorable);
    }

    /** The same for the request's path variables and query parameters. */
    static void requireStorable(ServerRequest request) {
        boolean nul = request.pathVariables().values().stream().anyMatch(value -> value.indexOf('\u0000') >= 0)
                || request.queryParams().values().stream().flatMap(List::stream)
                        .anyMatch(value -> value != null && value.indexOf('\u0000') >= 0);
        if (nul) {
            throw ApiProblem.badRequest(NUL_REFUSED);
        }
    }

    /** A field the route does not know is a 400 naming it: a typo such as "userid" must not be silently dropped. */
    static void requireKnownFields(ObjectNode body, java.util.Set<String> known) {
        for (String field : body.propertyNames()) {
            if (!known.contains(field)) {
                throw ApiProblem.badRequest("unknown field '" + field + "'; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    static String requiredString(ObjectNode body, String field, int maxChars) {
        String value = optionalString(body, field, maxChars);
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest(field + " is required");
        }
        return value;
    }

    static String optionalString(ObjectNode body, String field, int maxChars) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiProblem.badRequest(field + " must be a string");
        }
        String value = node.asString();
        if (value.length() > maxChars) {
            throw ApiProblem.badRequest(field + " is " + value.length() + " characters, at most " + maxChars + " allowed");
        }
        return value;
    }

    static Long optionalLong(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isString()) {
            try {
                return Long.parseLong(node.asString());
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
        }
        throw ApiProblem.badRequest(field + " must be a whole number");
    }
}
