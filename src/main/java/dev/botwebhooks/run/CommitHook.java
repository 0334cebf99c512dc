package dev.botwebhooks.run;

import reactor.core.publisher.Mono;

/**
 * Work that joins the transaction committing a run's call record and effects, so that it commits or
 * rolls back with them (idempotency stores the answer here; a replay links its call to the original; a
 * job is marked done). An error rolls the whole commit back and the run ends {@link RunResult.Unavailable}.
 */
@FunctionalInterface
public interface CommitHook {

    CommitHook NONE = result -> Mono.empty();

    Mono<Void> inTransaction(RunResult.Logged result);
}
