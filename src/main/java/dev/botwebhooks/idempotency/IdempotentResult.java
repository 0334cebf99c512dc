package dev.botwebhooks.idempotency;

import dev.botwebhooks.run.Answer;
import dev.botwebhooks.run.RunResult;

/** What became of a delivery with an id; the webhook endpoint turns it into the HTTP answer. */
public sealed interface IdempotentResult {

    /** The first delivery of its id (or a retry after a failed one): the script ran. */
    record Ran(RunResult result) implements IdempotentResult {
    }

    /** A redelivery: the first delivery's stored answer, marked as replayed. */
    record Replayed(Answer answer) implements IdempotentResult {
    }

    /** Another delivery with this id is still running, beyond the wait: retry later (409). */
    record StillRunning() implements IdempotentResult {
    }
}
