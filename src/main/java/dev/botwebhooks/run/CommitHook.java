package dev.botwebhooks.run;

import reactor.core.publisher.Mono;

/**
 * Work that joins the transaction committing a run's call record and effects, so that it commits or
 * rolls back with them (idempotency stores the answer here; a replay links its call to the original).
 * An error rolls the whole commit back and the caller is answered 503.
 */
@FunctionalInterface
public interface CommitHook {

    CommitHook NONE = (callId, answer, ran) -> Mono.empty();

    /** @param ran true when the script ran to its end; false when it failed or the run was refused */
    Mono<Void> inTransaction(long callId, Answer answer, boolean ran);
}
