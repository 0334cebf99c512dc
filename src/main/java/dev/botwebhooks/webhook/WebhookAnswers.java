package dev.botwebhooks.webhook;

import dev.botwebhooks.admission.AdmissionDecision;
import dev.botwebhooks.idempotency.IdempotentResult;
import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.metrics.Rejections;
import dev.botwebhooks.run.Answer;
import dev.botwebhooks.run.AnswerFormat;
import dev.botwebhooks.run.RunResult;
import dev.botwebhooks.script.CustomResponse;
import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.script.ScriptOutcome;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Every answer of the webhook endpoint, in its documented shape ({@code {"answer": ...}} or
 * {@code {"error": ..., "call_id": ...}}), and the one place that counts {@code webhook.rejections}
 * for what it refuses.
 */
@Component
class WebhookAnswers implements AnswerFormat {

    /** Seconds a caller is asked to wait when the service is overloaded or its database is down. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final JsonMapper json;
    private final Rejections rejections;

    WebhookAnswers(JsonMapper json, Rejections rejections) {
        this.json = json;
        this.rejections = rejections;
    }

    @Override
    public Answer succeeded(ScriptOutcome outcome, String redirectTo) {
        CustomResponse custom = outcome.customResponse();
        if (custom != null) {
            return new Answer(custom.status(), custom.contentType(), custom.headers(), custom.body(), null);
        }
        if (redirectTo != null) {
            return new Answer(302, null, Map.of("Location", redirectTo), null, null);
        }
        ObjectNode body = json.createObjectNode();
        body.put("answer", outcome.answer());
        return Answer.json(200, json.writeValueAsString(body));
    }

    @Override
    public Answer scriptFailed(ScriptFailure failure, Long callId) {
        if (failure.kind() == ScriptFailure.Kind.INFRASTRUCTURE) {
            return retryLater("temporarily unavailable, retry later", callId);
        }
        return error(503, failure.publicMessage(), callId, null);
    }

    @Override
    public Answer refused(String reason, Long callId) {
        return error(404, reason, callId, null);
    }

    /** A run's answer; counts the ones the caller did not get because of the script's limits or the service. */
    Answer of(RunResult result) {
        if (result instanceof RunResult.Logged logged) {
            Rejection reason = rejection(logged);
            if (reason != null) {
                rejections.count(reason);
            }
            return logged.answer();
        }
        if (result instanceof RunResult.Overloaded) {
            return overloaded();
        }
        return unavailable();
    }

    Answer of(IdempotentResult result) {
        if (result instanceof IdempotentResult.Ran ran) {
            return of(ran.result());
        }
        if (result instanceof IdempotentResult.Replayed replayed) {
            return replayed.answer();
        }
        // The Idempotency-Key HTTP header draft: 409 while the first request is in progress.
        Answer conflict = error(409, "a delivery with this id is still running; retry later", null, null);
        return withRetryAfter(conflict);
    }

    Answer overloaded() {
        rejections.count(Rejection.OVERLOADED);
        return retryLater("overloaded, retry later", null);
    }

    Answer unavailable() {
        rejections.count(Rejection.UNAVAILABLE);
        return retryLater("temporarily unavailable, retry later", null);
    }

    /** A refusal before anything ran, counted under {@code reason}. */
    Answer refuse(Rejection reason, int status, String message) {
        return refuse(reason, status, message, null);
    }

    Answer refuse(Rejection reason, int status, String message, Integer retryAfterSeconds) {
        rejections.count(reason);
        return error(status, message, null, retryAfterSeconds);
    }

    /** Admission counted its refusal already. */
    Answer refusedByAdmission(AdmissionDecision.Refused refused) {
        return error(refused.status(), refused.message(), null, refused.retryAfterSeconds());
    }

    private static Rejection rejection(RunResult.Logged result) {
        if (result instanceof RunResult.Refused) {
            return Rejection.UNKNOWN_COMMAND;
        }
        if (result instanceof RunResult.ScriptFailed failed && failed.failure().kind() != ScriptFailure.Kind.SCRIPT_ERROR) {
            return failed.failure().kind() == ScriptFailure.Kind.INFRASTRUCTURE ? Rejection.UNAVAILABLE : Rejection.SCRIPT_LIMIT;
        }
        return null;
    }

    private Answer retryLater(String message, Long callId) {
        return withRetryAfter(error(503, message, callId, null));
    }

    private static Answer withRetryAfter(Answer answer) {
        return new Answer(answer.status(), answer.contentType(), answer.headers(), answer.body(), RETRY_AFTER_SECONDS);
    }

    private Answer error(int status, String message, Long callId, Integer retryAfterSeconds) {
        ObjectNode body = json.createObjectNode();
        body.put("error", message);
        if (callId != null) {
            body.put("call_id", callId);
        }
        return new Answer(status, "application/json", Map.of(), json.writeValueAsString(body), retryAfterSeconds);
    }
}
