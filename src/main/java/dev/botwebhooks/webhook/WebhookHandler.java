package dev.botwebhooks.webhook;

import dev.botwebhooks.admission.Admission;
import dev.botwebhooks.admission.AdmissionDecision;
import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.bot.BotDirectory;
import dev.botwebhooks.ingress.IngressProperties;
import dev.botwebhooks.logging.ThrottledLog;
import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.run.Answer;
import dev.botwebhooks.run.CallContext;
import dev.botwebhooks.run.RunRequest;
import dev.botwebhooks.url.SignedFields;
import dev.botwebhooks.url.UrlProperties;
import dev.botwebhooks.url.WebhookSigner;
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
import java.util.List;
import java.util.Optional;

import static dev.botwebhooks.url.WebhookParameters.*;

/** {@code GET|POST /v1/bots/{botId}/new-webhook}: verify the URL, read the request, run the command, answer. */
@Component
class WebhookHandler {

    private static final ThrottledLog failures =
            new ThrottledLog(LoggerFactory.getLogger(WebhookHandler.class), Duration.ofMinutes(1));

    private final BotDirectory bots;
    private final Admission admission;
    private final ProviderGate gate;
    private final WebhookAnswers answers;
    private final WebhookRequestReader reader;
    private final String publicBaseUrl;
    private final Clock clock;

    WebhookHandler(BotDirectory bots, Admission admission, ProviderGate gate, WebhookAnswers answers, JsonMapper json, IngressProperties ingress, UrlProperties urls, Clock clock) {
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
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.POST) {
            return methodNotAllowed(request);
        }
        Optional<Long> botId = parseLong(request.pathVariable("botId"));
        if (botId.isEmpty()) {
            return notFound();
        }
        MultiValueMap<String, String> query = request.queryParams();
        for (String name : RESERVED) {
            List<String> values = query.get(name);
            if (values != null && values.size() > 1) {
                return badRequest("parameter " + name + " is given more than once");
            }
        }
        return bots.find(botId.get())
                .flatMap(bot -> bot.isPresent() ? verified(request, bot.get(), query, startNanos, receivedAt) : notFound())
                .onErrorResume(WebhookRequestReader.BodyTooLarge.class, tooLarge ->
                        respond(answers.refuse(Rejection.BODY_TOO_LARGE, 413, "body too large")))
                // Closed after the answer: the rest of a trickled body is not worth waiting for.
                .onErrorResume(WebhookRequestReader.BodyTooSlow.class, tooSlow -> respond(answers
                        .refuse(Rejection.SLOW_CLIENT, 408, "the request body came too slowly")
                        .withHeader(HttpHeaders.CONNECTION, "close")))
                .onErrorResume(error -> {
                    failures.error("webhook for bot {} failed", error, botId.get());
                    return respond(answers.unavailable());
                });
    }

    Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
        return respond(answers.refuse(Rejection.METHOD_NOT_ALLOWED, 405, "method not allowed")
                .withHeader(HttpHeaders.ALLOW, "GET, POST"));
    }

    private Mono<ServerResponse> verified(ServerRequest request, Bot bot, MultiValueMap<String, String> query,
            long startNanos, Instant receivedAt) {
        SignedFields fields = new SignedFields(bot.id(), query.getFirst(COMMAND), query.getFirst(USER_ID),
                query.getFirst(CONTENT), query.getFirst(REDIRECT_TO), query.getFirst(EXP));
        if (!WebhookSigner.verify(bot.webhookSecret(), fields, query.getFirst(SIG))) {
            return notFound();
        }
        // Signed by us, so these parse unless the URL was made by hand with the bot's secret.
        if (fields.command() == null || fields.command().isBlank()) {
            return badRequest("command is missing");
        }
        Optional<Long> userId = fields.userId() == null ? Optional.empty() : parseLong(fields.userId());
        if (fields.userId() != null && userId.isEmpty()) {
            return badRequest("user_id must be a number");
        }
        if (fields.exp() != null) {
            Optional<Long> exp = parseLong(fields.exp());
            if (exp.isEmpty()) {
                return badRequest("exp must be unix seconds");
            }
            if (receivedAt.getEpochSecond() >= exp.get()) {
                return respond(answers.refuse(Rejection.EXPIRED, 410, "this webhook URL has expired"));
            }
        }
        // After the signature, so that an unsigned flood cannot spend a bot's rate limit; before the body is read.
        AdmissionDecision verdict = admission.admit(bot, request.exchange().getRequest());
        if (verdict instanceof AdmissionDecision.Refused refused) {
            return respond(answers.refusedByAdmission(refused));
        }
        String ip = ((AdmissionDecision.Admitted) verdict).clientIp();
        return reader.body(request).flatMap(bytes -> {
            String body = bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
            String content = body != null ? body : fields.content();
            String url = publicBaseUrl + request.uri().getRawPath()
                    + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
            CallContext call = new CallContext(request.method().name(), url, ip,
                    reader.titleCaseHeaders(request.headers().asHttpHeaders()), bytes.length == 0 ? null : bytes, receivedAt,
                    startNanos);
            RunRequest run = new RunRequest(bot, fields.command(), userId.orElse(null), content,
                    reader.options(request, url, ip, body, fields), fields.redirectTo(), call);
            return gate.run(run, request.headers().asHttpHeaders(), bytes);
        }).flatMap(this::respond);
    }

    private Mono<ServerResponse> respond(Answer answer) {
        ServerResponse.BodyBuilder response = ServerResponse.status(answer.status());
        answer.headers().forEach(response::header);
        if (answer.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Integer.toString(answer.retryAfterSeconds()));
        }
        if (answer.body() == null) {
            return response.build();
        }
        if (answer.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        return response.bodyValue(answer.body().getBytes(StandardCharsets.UTF_8));
    }

    /** One answer for an unknown bot and a bad signature, so a caller cannot tell which it was. */
    private Mono<ServerResponse> notFound() {
        return respond(answers.refuse(Rejection.BAD_SIGNATURE, 404, "not found"));
    }

    private Mono<ServerResponse> badRequest(String reason) {
        return respond(answers.refuse(Rejection.MALFORMED, 400, reason));
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
