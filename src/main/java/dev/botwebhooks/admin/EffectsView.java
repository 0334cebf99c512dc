package dev.botwebhooks.admin;

import dev.botwebhooks.job.JobRequest;
import dev.botwebhooks.job.JobView;
import dev.botwebhooks.message.OutgoingMessage;
import dev.botwebhooks.message.StoredMessage;
import dev.botwebhooks.run.PropertyWrites;
import dev.botwebhooks.script.Effects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;
import java.util.List;

/**
 * What a call committed, or what a test run would commit: property writes ({@link PropertyWrites}'s shape),
 * outgoing messages and {@code Bot.run} jobs. A test run's have no id, and the status {@value #UNCOMMITTED}.
 */
record EffectsView(JsonNode properties, List<MessageEffect> messages, List<JobEffect> jobs) {

    /** At most this many of each kind are shown. */
    static final int MAX_EACH = PropertyWrites.MAX_WRITES;
    static final String UNCOMMITTED = "uncommitted";

    record MessageEffect(Long id, String chatId, Long userId, String text, String method, String status) {
    }

    record JobEffect(Long id, String command, Instant runAt, String status) {
    }

    static EffectsView committed(JsonNode propertyWrites, List<StoredMessage> messages, List<JobView> jobs) {
        return new EffectsView(propertyWrites == null ? JsonNodeFactory.instance.arrayNode() : propertyWrites,
                messages.stream().map(message -> new MessageEffect(message.id(), message.chatId(), message.userId(),
                        message.text(), message.method(), message.status())).toList(),
                jobs.stream().map(job -> new JobEffect(job.id(), job.command(), job.runAt(), job.status())).toList());
    }

    static EffectsView uncommitted(Effects effects, Instant now) {
        JsonNode properties = PropertyWrites.of(effects.propertyChanges());
        return new EffectsView(properties == null ? JsonNodeFactory.instance.arrayNode() : properties,
                effects.messages().stream().limit(MAX_EACH).map(EffectsView::uncommitted).toList(),
                effects.jobs().stream().limit(MAX_EACH).map(job -> uncommitted(job, now)).toList());
    }

    private static MessageEffect uncommitted(OutgoingMessage message) {
        return new MessageEffect(null, message.chatId(), message.userId(), message.text(), message.method(), UNCOMMITTED);
    }

    private static JobEffect uncommitted(JobRequest job, Instant now) {
        return new JobEffect(null, job.commandLine(), now.plus(job.delay()), UNCOMMITTED);
    }
}
