package dev.botwebhooks.run;

import dev.botwebhooks.script.CustomResponse;
import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.script.ScriptOutcome;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** The answers of DESIGN.md ("Answers"), as values. */
@Component
public class Answers {

    /** Seconds a caller is asked to wait when the service is overloaded or its database is down. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final JsonMapper json;

    Answers(JsonMapper json) {
        this.json = json;
    }

    Answer forOutcome(ScriptOutcome outcome, long callId, String redirectTo) {
        if (!outcome.succeeded()) {
            ScriptFailure failure = outcome.failure();
            if (failure.kind() == ScriptFailure.Kind.INFRASTRUCTURE) {
                return unavailable(callId);
            }
            return error(503, failure.publicMessage(), callId);
        }
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

    Answer error(int status, String message, Long callId) {
        ObjectNode body = json.createObjectNode();
        body.put("error", message);
        if (callId != null) {
            body.put("call_id", callId);
        }
        return Answer.json(status, json.writeValueAsString(body));
    }

    public Answer overloaded() {
        return retryLater("overloaded, retry later", null);
    }

    public Answer unavailable(Long callId) {
        return retryLater("temporarily unavailable, retry later", callId);
    }

    private Answer retryLater(String message, Long callId) {
        Answer error = error(503, message, callId);
        return new Answer(error.status(), error.contentType(), error.headers(), error.body(), RETRY_AFTER_SECONDS);
    }
}
