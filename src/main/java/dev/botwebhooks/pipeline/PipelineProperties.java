package dev.botwebhooks.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;


/**
 * @param workers       Rhino worker threads
 * @param queueCapacity runs waiting for a worker; beyond it the service answers 503 at once
 * @param stackSize     stack of each worker thread, which bounds native recursion
 * @param maxInFlightPerBot runs of one bot running or queued at once; beyond it that bot gets 503 at once,
 *                      so one slow or flooding bot cannot take every worker
 * @param maxConcurrentWebhooks webhooks admitted and not yet answered, wherever they wait (worker, pool
 *                      connection, commit); beyond it 503 at once, so a backlog never makes every answer slow
 */
@ConfigurationProperties("webhooks.pipeline")
public record PipelineProperties(
        @DefaultValue("8") int workers,
        @DefaultValue("256") int queueCapacity,
        @DefaultValue("2MB") DataSize stackSize,
        @DefaultValue("4") int maxInFlightPerBot,
        @DefaultValue("256") int maxConcurrentWebhooks) {
}
