package dev.botwebhooks.run;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Group commit of concurrent runs ({@link GroupCommit}).
 *
 * @param maxBatch                  runs sharing one transaction at most
 * @param maxConcurrentTransactions shared transactions open at once (each holds a pool connection). One: the runs
 *                                  that finish while a commit is under way all join the next, so a batch pays one
 *                                  transaction and one round trip per table for many runs (with four, batches held
 *                                  about four runs, and PostgreSQL spent twice the CPU per webhook)
 * @param maxReruns                 times a run whose property reads went stale before its commit runs again;
 *                                  then it is answered 503 with Retry-After
 */
@ConfigurationProperties("webhooks.commit")
public record CommitProperties(
        @DefaultValue("64") int maxBatch,
        @DefaultValue("1") int maxConcurrentTransactions,
        @DefaultValue("25") int maxReruns) {
}
