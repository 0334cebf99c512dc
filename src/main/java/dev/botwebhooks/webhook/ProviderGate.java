package dev.botwebhooks.webhook;

import dev.botwebhooks.bot.BotSetting;
import dev.botwebhooks.bot.BotSettings;
import dev.botwebhooks.idempotency.IdempotencySettings;
import dev.botwebhooks.idempotency.IdempotentRuns;
import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.run.Answer;
import dev.botwebhooks.run.CommandRunner;
import dev.botwebhooks.run.RunRequest;
import dev.botwebhooks.run.RunResult;
import dev.botwebhooks.idempotency.IdempotentResult;
import dev.botwebhooks.verification.ProviderSignatures;
import dev.botwebhooks.verification.SignatureVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * What a bot's provider settings add between our URL check and the run: the provider's signature
 * on the raw body ({@code signature}), then exactly-once by delivery id ({@code idempotency}).
 * <p>
 * An authentic delivery whose signed timestamp is stale may still get its stored answer (a retry
 * days later must not turn into a failure), but it never runs the script.
 */
@Component
class ProviderGate {

    private static final Logger log = LoggerFactory.getLogger(ProviderGate.class);

    private final ProviderSignatures signatures;
    private final IdempotentRuns idempotent;
    private final CommandRunner runner;
    private final WebhookAnswers answers;
    private final JsonMapper json;
    private final RefusalRecorder refusals;

    ProviderGate(ProviderSignatures signatures, IdempotentRuns idempotent, CommandRunner runner, WebhookAnswers answers,
            JsonMapper json, RefusalRecorder refusals) {
        this.refusals = refusals;
        this.signatures = signatures;
        this.idempotent = idempotent;
        this.runner = runner;
        this.answers = answers;
        this.json = json;
    }

    Mono<Answer> run(RunRequest request, HttpHeaders headers, byte[] body) {
        BotSettings settings = request.bot().settings();
        SignatureVerdict verdict = signatures.verify(settings, headers::getFirst, body, request.call().receivedAt());
        if (verdict == SignatureVerdict.INVALID) {
            return Mono.just(unauthorized(request, "invalid provider signature"));
        }
        BotSetting.Parsed<IdempotencySettings> idempotency = settings.get(IdempotencySettings.SETTING);
        if (idempotency instanceof BotSetting.Parsed.Invalid<IdempotencySettings> invalid) {
            // Running without it could run a payment twice: refuse, so the provider retries once it is fixed.
            log.error("bot {} has an unreadable idempotency setting ({}); refusing its webhooks", request.bot().id(),
                    invalid.reason());
            return Mono.just(answers.unavailable());
        }
        Optional<String> deliveryId = idempotency instanceof BotSetting.Parsed.Valid<IdempotencySettings> valid
                ? valid.value().deliveryId(headers::getFirst, body, json) : Optional.empty();
        if (verdict == SignatureVerdict.STALE) {
            return deliveryId.map(id -> idempotent.storedAnswer(request, id).map(answers::of)).orElse(Mono.empty())
                    .switchIfEmpty(Mono.fromSupplier(() -> unauthorized(request, "provider signature timestamp is too old or too new")));
        }
        return deliveryId.isPresent()
                ? idempotent.run(request, deliveryId.get()).doOnNext(result -> {
                    if (result instanceof IdempotentResult.Ran ran) {
                        recordRefusal(request, ran.result());
                    }
                }).map(answers::of)
                : runner.run(request).doOnNext(result -> recordRefusal(request, result)).map(answers::of);
    }

    /** An unknown command or user is in the call log too; the refused calls count it with the others. */
    private void recordRefusal(RunRequest request, RunResult result) {
        if (result instanceof RunResult.Refused) {
            refusals.record(request.bot().id(), Rejection.UNKNOWN_COMMAND, request.call());
        }
    }

    private Answer unauthorized(RunRequest request, String reason) {
        refusals.record(request.bot().id(), Rejection.INVALID_PROVIDER_SIGNATURE, request.call());
        return answers.refuse(Rejection.INVALID_PROVIDER_SIGNATURE, 401, reason);
    }
}
