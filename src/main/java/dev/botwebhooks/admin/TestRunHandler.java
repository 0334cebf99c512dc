package dev.botwebhooks.admin;

import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.bot.BotRepository;
import dev.botwebhooks.call.CallOrigin;
import dev.botwebhooks.call.CallRecord;
import dev.botwebhooks.ingress.IngressProperties;
import dev.botwebhooks.pipeline.ScriptWorkers;
import dev.botwebhooks.pipeline.WebhookConcurrency;
import dev.botwebhooks.run.Answer;
import dev.botwebhooks.run.CommandRunner;
import dev.botwebhooks.run.RunRequest;
import dev.botwebhooks.run.TestRunResult;
import dev.botwebhooks.script.Effects;
import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.url.WebhookParameters;
import dev.botwebhooks.url.WebhookUrlRequest;
import dev.botwebhooks.url.WebhookUrls;
import dev.botwebhooks.webhook.CallReplay;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/bots/{id}/commands/{name}/test-run}: runs the command's current code as a webhook call to its
 * URL would (same matching, same {@code options}, same script workers and limits, same answer) and shows what the
 * run would commit. Nothing is written: no call record, no property, no message, no job.
 */
@Component
class TestRunHandler {

    static final Set<String> FIELDS = Set.of("content", "headers", "user_id", "params");
    /** Headers and URL parameters of a sample request: as many as a real request would sensibly carry. */
    static final int MAX_ENTRIES = 50;
    static final int MAX_VALUE_CHARS = 8 * 1024;

    private final AdminAuthentication auth;
    private final BotRepository bots;
    private final WebhookUrls urls;
    private final CallReplay requests;
    private final CommandRunner runner;
    private final WebhookConcurrency concurrency;
    private final JsonMapper json;
    private final Clock clock;
    private final long maxBodyBytes;

    TestRunHandler(AdminAuthentication auth, BotRepository bots, WebhookUrls urls, CallReplay requests,
            CommandRunner runner, WebhookConcurrency concurrency, JsonMapper json, Clock clock, IngressProperties ingress) {
        this.auth = auth;
        this.bots = bots;
        this.urls = urls;
        this.requests = requests;
        this.runner = runner;
        this.concurrency = concurrency;
        this.json = json;
        this.clock = clock;
        this.maxBodyBytes = ingress.maxBodySize().toBytes();
    }

    /** @param stack the script's stack, null when there is none */
    record RunError(String message, String stack) {
    }

    /**
     * @param status    the HTTP status a webhook would answer
     * @param answer    the run's BJS answer (the last message's text), null when none
     * @param body      the body a webhook would answer
     * @param committed always false: a test run writes nothing
     */
    record TestRun(int status, String answer, String body, String contentType, RunError error, EffectsView effects,
            boolean committed) {
    }

    Mono<ServerResponse> run(ServerRequest request) {
        String command = request.pathVariable("name");
        return auth.bot(request).zipWith(AdminRequests.jsonObject(request))
                .flatMap(found -> bots.findById(found.getT1()).flatMap(bot -> {
                    Instant now = clock.instant();
                    RunRequest run = requests.rebuild(bot, sample(bot, command, found.getT2(), now), now);
                    // A test run takes a webhook's place in the bound on runs in flight: it costs the same.
                    return concurrency.admit(() -> runner.testRun(run))
                            .onErrorResume(ScriptWorkers.Overloaded.class,
                                    overloaded -> Mono.just(new TestRunResult.Overloaded()))
                            .map(result -> shown(result, now));
                }))
                .flatMap(shown -> ServerResponse.ok().bodyValue(shown));
    }

    /** The request a provider would send: to the command's URL (with the user and params), with the body and headers. */
    private CallRecord sample(Bot bot, String command, ObjectNode body, Instant now) {
        AdminRequests.requireKnownFields(body, FIELDS);
        Long userId = AdminRequests.optionalLong(body, "user_id");
        String url;
        try {
            url = urls.urlFor(bot, new WebhookUrlRequest(command, null, userId, null, null));
        } catch (IllegalArgumentException invalid) {
            throw ApiProblem.badRequest(invalid.getMessage());
        }
        StringBuilder withParams = new StringBuilder(url);
        strings(body, "params").forEach((name, value) -> {
            if (WebhookParameters.RESERVED.contains(name)) {
                throw ApiProblem.badRequest("params may not set '" + name + "': the URL's own parameter");
            }
            withParams.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        ObjectNode headers = json.createObjectNode();
        strings(body, "headers").forEach(headers::put);
        byte[] content = content(body.get("content"));
        return new CallRecord(0, bot.id(), command, userId, content == null ? "GET" : "POST", withParams.toString(), null,
                headers, content, 0, null, null, null, null, 0, now, CallOrigin.WEBHOOK);
    }

    /** An object of strings (numbers and booleans taken as their text), at most MAX_ENTRIES of them. */
    private static Map<String, String> strings(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject() || node.size() > MAX_ENTRIES) {
            throw ApiProblem.badRequest(field + " must be an object of at most " + MAX_ENTRIES + " names and values");
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull() || value.asString().length() > MAX_VALUE_CHARS
                    || entry.getKey().isEmpty() || entry.getKey().length() > MAX_VALUE_CHARS) {
                throw ApiProblem.badRequest(field + "." + entry.getKey() + " must be a string of at most "
                        + MAX_VALUE_CHARS + " characters");
            }
            values.put(entry.getKey(), value.asString());
        }
        return values;
    }

    /** The body: a string as is, any other JSON value as its JSON text (as a provider would post it). */
    private byte[] content(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        byte[] bytes = (content.isString() ? content.asString() : json.writeValueAsString(content))
                .getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBodyBytes) {
            throw ApiProblem.badRequest("content is " + bytes.length + " bytes; a webhook body is at most "
                    + maxBodyBytes);
        }
        return bytes.length == 0 ? null : bytes;
    }

    private static TestRun shown(TestRunResult result, Instant now) {
        if (result instanceof TestRunResult.Ran ran) {
            ScriptFailure failure = ran.outcome().failure();
            RunError error = failure == null ? null
                    : new RunError(failure.publicMessage(), CallView.stackOf(failure.detail()));
            return answered(ran.answer(), ran.outcome().answer(), error,
                    EffectsView.uncommitted(ran.outcome().effects(), now));
        }
        if (result instanceof TestRunResult.Refused refused) {
            return answered(refused.answer(), null, new RunError(refused.reason(), null),
                    EffectsView.uncommitted(Effects.NONE, now));
        }
        throw result instanceof TestRunResult.Overloaded
                ? ApiProblem.unavailable("the script workers are busy; retry later")
                : ApiProblem.unavailable("the run could not be completed; retry later");
    }

    private static TestRun answered(Answer answer, String text, RunError error, EffectsView effects) {
        return new TestRun(answer.status(), text, answer.body(), answer.contentType(), error, effects, false);
    }
}
