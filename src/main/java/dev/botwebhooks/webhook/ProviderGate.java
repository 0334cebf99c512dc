package dev.botwebhooks.webhook;

import dev.botwebhooks.idempotency.IdempotencySettings;
import dev.botwebhooks.idempotency.IdempotentRuns;
import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.metrics.Rejections;
import dev.botwebhooks.run.Answer;
import dev.botwebhooks.run.CommandRunner;
import dev.botwebhooks.run.RunRequest;
import dev.botwebhooks.verification.ProviderSignatures;
import dev.botwebhooks.verification.SignatureVerdict;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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

    private final ProviderSignatures signatures;
    private final IdempotentRuns idempotent;
    private final CommandRunner runner;
    private final Rejections rejections;
    private final JsonMapper json;

    ProviderGate(ProviderSignatures signatures, IdempotentRuns idempotent, CommandRunner runner, Rejections rejections,
            JsonMapper json) {
        this.signatures = signatures;
        this.idempotent = idempotent;
        this.runner = runner;
        this.rejections = rejections;
        this.json = json;
    }

    Mono<Answer> run(RunRequest request, HttpHeaders headers, byte[] body) {
        JsonNode settings = request.bot().settings();
        SignatureVerdict verdict = signatures.verify(settings, headers::getFirst, body, request.call().receivedAt());
        if (verdict == SignatureVerdict.INVALID) {
            return Mono.just(unauthorized("invalid provider signature"));
        }
        Optional<String> deliveryId = IdempotencySettings.deliveryId(settings, headers::getFirst, body);
        if (verdict == SignatureVerdict.STALE) {
            return deliveryId.map(id -> idempotent.storedAnswer(request, id)).orElse(Mono.empty())
                    .switchIfEmpty(Mono.fromSupplier(() -> unauthorized("provider signature timestamp is too old or too new")));
        }
        return deliveryId.isPresent() ? idempotent.run(request, deliveryId.get()) : runner.run(request);
    }

    private Answer unauthorized(String reason) {
        rejections.count(Rejection.INVALID_PROVIDER_SIGNATURE);
        ObjectNode body = json.createObjectNode();
        body.put("error", reason);
        return Answer.json(401, json.writeValueAsString(body));
    }
}
