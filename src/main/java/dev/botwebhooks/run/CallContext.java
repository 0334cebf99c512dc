package dev.botwebhooks.run;

import dev.botwebhooks.call.CallOrigin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;

/**
 * The request that started a run, as the call log keeps it; a {@code Bot.run} job has none.
 *
 * @param runAllTask the {@code Bot.runAll} task whose job this run is, for one of its chats; null for any other run
 */
public record CallContext(String method, String url, String ip, JsonNode headers, byte[] body, Instant receivedAt,
        long startNanos, CallOrigin origin, Long runAllTask) {

    public CallContext(String method, String url, String ip, JsonNode headers, byte[] body, Instant receivedAt,
            long startNanos, CallOrigin origin) {
        this(method, url, ip, headers, body, receivedAt, startNanos, origin, null);
    }

    /** A webhook request. */
    public CallContext(String method, String url, String ip, JsonNode headers, byte[] body, Instant receivedAt,
            long startNanos) {
        this(method, url, ip, headers, body, receivedAt, startNanos, CallOrigin.WEBHOOK);
    }

    /** A job of {@code Bot.run}, started now. */
    public static CallContext botRun(Instant startedAt) {
        return botRun(startedAt, null);
    }

    /** A job, started now; {@code runAllTask} is the task that handed it out, null for none. */
    public static CallContext botRun(Instant startedAt, Long runAllTask) {
        return new CallContext(null, null, null, JsonNodeFactory.instance.objectNode(), null, startedAt,
                System.nanoTime(), CallOrigin.BOT_RUN, runAllTask);
    }
}
