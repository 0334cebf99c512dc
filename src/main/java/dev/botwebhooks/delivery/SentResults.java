package dev.botwebhooks.delivery;

import dev.botwebhooks.message.OutgoingMessage;
import dev.botwebhooks.property.PropertyChange;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.property.PropertyType;
import dev.botwebhooks.property.PropertyValue;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * BB's {@code result_to_bot_property} / {@code result_to_user_property}: a sent call's answer saved in the property
 * its script named ({@code bb_result_to} in the stored call: a message's {@code message_id}, an {@code Api.*} call's
 * whole {@code result}), in the transaction that records the call as sent. Written as a run writes a property: locked
 * and with a new version, so a run that read the old value runs again.
 */
@Component
class SentResults {


    private final PropertyRepository properties;

    SentResults(PropertyRepository properties) {
        this.properties = properties;
    }

    /** Whether the call asked for its answer to be saved. */
    boolean wanted(JsonNode options) {
        return options != null && options.has(OutgoingMessage.RESULT_PROPERTY);
    }

    /** Inside the caller's transaction. */
    Mono<Void> save(long botId, JsonNode options, JsonNode answer) {
        JsonNode target = options == null ? null : options.get(OutgoingMessage.RESULT_PROPERTY);
        JsonNode result = answer == null ? null : answer.get("result");
        if (target == null || !target.isObject() || result == null) {
            return Mono.empty();
        }
        JsonNode userId = target.get("user_id");
        PropertyKey key = new PropertyKey(botId, userId == null || userId.isNull() ? null : userId.asLong(),
                target.path("name").asString());
        PropertyValue value = "message_id".equals(target.path("value").asString()) && result.has("message_id")
                ? new PropertyValue(PropertyType.INTEGER, result.get("message_id"))
                : new PropertyValue(PropertyType.JSON, result);
        return properties.lock(List.of(key)).then(properties.apply(List.of(new PropertyChange.Put(key, value))));
    }
}
