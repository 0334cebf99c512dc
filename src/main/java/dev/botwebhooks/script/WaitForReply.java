package dev.botwebhooks.script;

import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyType;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.user.WaitingReplies;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The user's wait for a reply ({@code need_reply}) as a run writes it: the user's property {@code BB_waitingReply}. */
final class WaitForReply {

    private WaitForReply() {
    }

    static PropertyKey key(ScriptRun run) {
        return new PropertyKey(run.source().botId(), run.userId(), WaitingReplies.PROPERTY);
    }

    /** {@code {command, options}}; options may be null. Bounded like any property value. */
    static void store(RunOutput output, ScriptRun run, ScriptLimits limits, String command, JsonNode options) {
        ObjectNode wait = JsonNodeFactory.instance.objectNode().put("command", command);
        wait.set("options", options == null ? JsonNodeFactory.instance.nullNode() : options);
        int size = wait.toString().length();
        if (size > limits.maxPropertyBytes()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT, "the options kept for " + command + "'s reply are "
                    + size + " characters of JSON, the limit is " + limits.maxPropertyBytes());
        }
        output.putProperty(key(run), new PropertyValue(PropertyType.JSON, wait));
    }
}
