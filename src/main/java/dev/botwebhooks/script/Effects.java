package dev.botwebhooks.script;

import dev.botwebhooks.message.OutgoingMessage;
import dev.botwebhooks.property.PropertyChange;

import java.util.List;

/** The buffered effects of a run, committed in one transaction with its call record. */
public record Effects(List<PropertyChange> propertyChanges, List<OutgoingMessage> messages) {

    public static final Effects NONE = new Effects(List.of(), List.of());

    public boolean isEmpty() {
        return propertyChanges.isEmpty() && messages.isEmpty();
    }
}
