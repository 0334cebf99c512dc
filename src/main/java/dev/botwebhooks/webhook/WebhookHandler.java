package dev.botwebhooks.webhook;

import dev.botwebhooks.admission.Admission;
import dev.botwebhooks.admission.AdmissionDecision;
import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.bot.BotDirectory;
import dev.botwebhooks.cors.CorsPolicy;
import dev.botwebhooks.ingress.IngressProperties;
import dev.botwebhooks.logging.ThrottledLog;
import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.pipeline.ScriptWorkers;
import dev.botwebhooks.pipeline.WebhookConcurrency;
import dev.botwebhooks.preview.LinkPreviews;
import dev.botwebhooks.run.Answer;
import dev.botwebhooks.run.CallContext;
import dev.botwebhooks.run.RunRequest;
import dev.botwebhooks.url.SignedFields;
import dev.botwebhooks.url.UrlProperties;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET|POST|HEAD /v1/bots/{botId}/new-webhook}: verify the URL, answer a link preview without running
 * anything, read the request, run the command, answer. CORS preflights are answered by {@link CorsPreflightFilter}.
 */
@Component
class WebhookHandler {

    private static final ThrottledLog failures =
            new ThrottledLog(LoggerFactory.getLogger(WebhookHandler.class), Duration.ofMinutes(1));

    private final BotDirectory bots;
    private final Admission admission;
    private final ProviderGate gate;
    private final WebhookAnswers answers;
    private final LinkPreviews previews;
    private final LinkPreviewAnswers previewAnswers;
    private final WebhookConcurrency concurrency;
    private final ScriptWorkers workers;
    private final WebhookRequestReader reader;
    private final String publicBaseUrl;
    private final Clock clock;
    private final RefusalRecorder refusals;

    WebhookHandler(BotDirectory bots, Admission admission, ProviderGate gate, WebhookAnswers answers,
            LinkPreviews previews, LinkPreviewAnswers previewAnswers, WebhookConcurrency concurrency, ScriptWorkers workers, JsonMapper json,
            IngressProperties ingress, UrlProperties urls, Clock clock, RefusalRecorder refusals) {
        this.refusals = refusals;
        this.concurrency = concurrency;
        this.workers = workers;
        this.previews = previews;
        this.previewAnswers = previewAnswers;
        this.bots = bots;
        this.admission = admission;
        this.gate = gate;
        this.answers = answers;
        this.reader = new WebhookRequestReader(json, ingress.maxBodySize().toBytes());
        this.publicBaseUrl = urls.base();
        this.clock = clock;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        long startNanos = System.nanoTime();
        Instant receivedAt = clock.instant();
        HttpMethod method = request.method();
        if (method != HttpMethod.GET && method != HttpMethod.POST && method != HttpMethod.HEAD) {
            return methodNotAllowed(request);
        }
        Optional<Long> botId = SignedUrl.parseLong(request.pathVariable("botId"));
        if (botId.isEmpty()) {
            return notFound(request, null);
        }
        MultiValueMap<String, String> query = request.queryParams();
        String repeated = SignedUrl.repeatedParameter(query);
        if (repeated != null) {
            return badRequest(request, null, "parameter " + repeated + " is given more than once");
        }
        // The bound on webhooks in flight comes first: past it, the answer costs no lookup and no database call.
        return concurrency.admit(() -> bots.find(botId.get())
                .flatMap(bot -> bot.isPresent() ? verified(request, bot.get(), query, startNanos, receivedAt)
                        : notFound(request, null))
                .onErrorResume(WebhookRequestReader.BodyTooLarge.class, tooLarge ->
                        respond(answers.refuse(Rejection.BODY_TOO_LARGE, 413, "body too large")))
                // Closed after the answer: the rest of a trickled body is not worth waiting for.
                .onErrorResume(WebhookRequestReader.BodyTooSlow.class, tooSlow -> respond(answers
                        .refuse(Rejection.SLOW_CLIENT, 408, "the request body came too slowly")
                        .withHeader(HttpHeaders.CONNECTION, "close")))
                .onErrorResume(error -> !(error instanceof ScriptWorkers.Overloaded), error -> {
                    failures.error("webhook for bot {} failed", error, botId.get());
                    return respond(answers.unavailable());
                }))
                .onErrorResume(ScriptWorkers.Overloaded.class, overloaded -> respond(answers.overloaded()));
    }

    Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
        admission.strike(null, request.exchange().getRequest());
        return respond(answers.refuse(Rejection.METHOD_NOT_ALLOWED, 405, "method not allowed")
                .withHeader(HttpHeaders.ALLOW, "GET, POST, HEAD"));
    }

    private Mono<ServerResponse> verified(ServerRequest request, Bot bot, MultiValueMap<String, String> query,
            long startNanos, Instant receivedAt) {
        SignedFields fields = SignedUrl.fields(bot.id(), query);
        if (!SignedUrl.verify(bot, fields, query)) {
            return notFound(request, bot);
        }
        // Every answer from here on, errors and redirects included, is one the bot's allowed pages may read.
        CorsPolicy.addAnswerHeaders(bot, request.headers().firstHeader(HttpHeaders.ORIGIN),
                request.exchange().getResponse().getHeaders());
        // Signed by us, so these parse unless the URL was made by hand with the bot's secret.
        if (fields.command() == null || fields.command().isBlank()) {
            return badRequest(request, bot, "command is missing");
        }
        Optional<Long> userId = fields.userId() == null ? Optional.empty() : SignedUrl.parseLong(fields.userId());
        if (fields.userId() != null && userId.isEmpty()) {
            return badRequest(request, bot, "user_id must be a number");
        }
        if (fields.exp() != null) {
            Optional<Long> exp = SignedUrl.parseLong(fields.exp());
            if (exp.isEmpty()) {
                return badRequest(request, bot, "exp must be unix seconds");
            }
            if (receivedAt.getEpochSecond() >= exp.get()) {
                admission.strike(bot, request.exchange().getRequest());
                refusals.record(bot, Rejection.EXPIRED, request);
                return respond(answers.refuse(Rejection.EXPIRED, 410, "this webhook URL has expired"));
            }
        }
        if (previews.isPreview(bot, request.method(), request.headers().firstHeader(HttpHeaders.USER_AGENT))) {
            return previewAnswers.answer(request, bot, fields.command(), userId.orElse(null), url(request),
                    reader.titleCaseHeaders(request.headers().asHttpHeaders()), receivedAt, startNanos).flatMap(this::respond);
        }
        // After the signature, so that an unsigned flood cannot spend a bot's rate limit; before the body is read.
        AdmissionDecision verdict = admission.admit(bot, request.exchange().getRequest());
        if (verdict instanceof AdmissionDecision.Refused refused) {
            refusals.record(bot, refused.reason(), request);
            return respond(answers.refusedByAdmission(refused));
        }
        // A bot whose queue is full is refused now, not after its body is read and its command loaded.
        if (!workers.hasRoom(bot.id())) {
            return respond(answers.overloaded());
        }
        String ip = ((AdmissionDecision.Admitted) verdict).clientIp();
        return reader.body(request).flatMap(bytes -> {
            String body = bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
            String content = body != null ? body : fields.content();
            String url = url(request);
            CallContext call = new CallContext(request.method().name(), url, ip,
                    reader.titleCaseHeaders(request.headers().asHttpHeaders()), bytes.length == 0 ? null : bytes, receivedAt,
                    startNanos);
            RunRequest run = new RunRequest(bot, fields.command(), userId.orElse(null), content,
                    reader.options(request, url, ip, body, fields), fields.redirectTo(), call);
            return gate.run(run, request.headers().asHttpHeaders(), bytes);
        }).doOnNext(answer -> {
            // The gate's only 401: a provider signature that does not verify.
            if (answer.status() == 401) {
                admission.strike(bot, request.exchange().getRequest());
            }
        }).flatMap(this::respond);
    }

    private Mono<ServerResponse> respond(Answer answer) {
        return AnswerWriter.response(answer);
    }

    /** The URL as the caller called it, on the public base URL. */
    private String url(ServerRequest request) {
        return publicBaseUrl + request.uri().getRawPath()
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
    }

    /**
     * One answer for an unknown bot and a bad signature, so a caller cannot tell which it was. Like every
     * answer to a request that a legitimate caller does not make, it counts toward banning the address.
     */
    private Mono<ServerResponse> notFound(ServerRequest request, Bot bot) {
        admission.strike(bot, request.exchange().getRequest());
        refusals.record(bot, Rejection.BAD_SIGNATURE, request);
        return respond(answers.refuse(Rejection.BAD_SIGNATURE, 404, "not found"));
    }

    private Mono<ServerResponse> badRequest(ServerRequest request, Bot bot, String reason) {
        admission.strike(bot, request.exchange().getRequest());
        refusals.record(bot, Rejection.MALFORMED, request);
        return respond(answers.refuse(Rejection.MALFORMED, 400, reason));
    }
}
