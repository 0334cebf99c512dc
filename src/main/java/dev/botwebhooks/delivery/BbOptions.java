package dev.botwebhooks.delivery;

import dev.botwebhooks.message.OutgoingMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * BB's {@code bb_options} on an {@code Api.*} call: data of the bot's own that is not sent to the chat API but comes
 * back to the call's {@code on_result}/{@code on_error} command as {@code options.bb_options}. Kept in the stored
 * call's parameters, taken out when they are sent.
 */
final class BbOptions {

    static final String FIELD = "bb_options";

    private BbOptions() {
    }

    /** The parameters as the chat API gets them: without the bot's own fields (and the result property's, {@link SentResults}). */
    static JsonNode withoutThem(JsonNode options) {
        if (options == null || !options.isObject() || !(options.has(FIELD) || options.has(OutgoingMessage.RESULT_PROPERTY))) {
            return options;
        }
        ObjectNode sent = ((ObjectNode) options).deepCopy();
        sent.remove(FIELD);
        sent.remove(OutgoingMessage.RESULT_PROPERTY);
        return sent;
    }

    /** The API's answer as the callback command's options, with the call's bb_options when it had them. */
    static JsonNode withThem(JsonNode answer, JsonNode options) {
        JsonNode bbOptions = options == null ? null : options.get(FIELD);
        if (bbOptions == null) {
            return answer;
        }
        ObjectNode withThem = answer != null && answer.isObject() ? ((ObjectNode) answer).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        withThem.set(FIELD, bbOptions);
        return withThem;
    }
}
