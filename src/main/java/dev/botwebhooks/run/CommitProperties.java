package dev.botwebhooks.run;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;


/**
 * Group commit of concurrent runs (run.GroupCommit).
 *
 * @param maxBatch                  runs sharing one transaction at most
 * @param maxConcurrentTransactions shared transactions open at once (each holds a pool connection)
 */
@ConfigurationProperties("webhooks.commit")
public record CommitProperties(@DefaultValue("64") int maxBatch, @DefaultValue("4") int maxConcurrentTransactions) {
}
