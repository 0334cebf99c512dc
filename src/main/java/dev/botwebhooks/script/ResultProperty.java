package dev.botwebhooks.script;

import dev.botwebhooks.message.OutgoingMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.botwebhooks.script.JsValues.error;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * BB's {@code result_to_bot_property} / {@code result_to_user_property} on a message or an {@code Api.*} call: the
 * chat API's answer is saved in that property once the call is sent. A message saves its {@code message_id} (BB's
 * "Bot.editMessage(text, Bot.getProperty(...))" pattern), an {@code Api.*} call its whole {@code result} as JSON. The
 * field is replaced by {@link OutgoingMessage#RESULT_PROPERTY}, which the outbox reads and does not send.
 */
final class ResultProperty {

    private ResultProperty() {
    }

    static void take(BjsEnvironment env, ObjectNode options, boolean wholeResult, String function) {
        JsonNode toBot = options.remove("result_to_bot_property");
        JsonNode toUser = options.remove("result_to_user_property");
        JsonNode name = toBot != null && !toBot.isNull() ? toBot : toUser;
        if (name == null || name.isNull()) {
            return;
        }
        boolean ofUser = name == toUser;
        if (!name.isString() || name.asString().isEmpty() || name.asString().length() > PropertyCodec.MAX_NAME_CHARS) {
            throw typeError(function + ": " + (ofUser ? "result_to_user_property" : "result_to_bot_property")
                    + " must be a property name of 1 to " + PropertyCodec.MAX_NAME_CHARS + " characters, not " + name);
        }
        Long userId = env.run().userId();
        if (ofUser && userId == null) {
            throw error(function + ": result_to_user_property needs a current user");
        }
        ObjectNode target = options.putObject(OutgoingMessage.RESULT_PROPERTY);
        if (ofUser) {
            target.put("user_id", userId);
        } else {
            target.putNull("user_id");
        }
        target.put("name", name.asString()).put("value", wholeResult ? "result" : "message_id");
    }
}
