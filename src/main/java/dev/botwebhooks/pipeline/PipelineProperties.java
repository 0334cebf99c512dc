package dev.botwebhooks.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;


/**
 * @param workers       Rhino worker threads; 0 derives them from the cores ({@link #workerThreads()}). A bot
 *                      may hold all of them but one, which is left for the bots that have nothing running
 * @param queueCapacity runs waiting for a worker, all bots together; beyond it the service answers 503 at once
 * @param maxQueuedPerBot runs of one bot waiting for a worker; beyond it that bot gets 503 at once. Waiting
 *                      runs are served round-robin across bots, so a flood lengthens only its own bot's queue
 * @param maxQueueWait  longest a new run may expect to wait for a worker (its bot's queue length times the
 *                      recent mean run, over the workers the bot may use); beyond it 503 at once. 0: no bound
 *                      but the queue lengths, the default, because on a loaded machine the mean run swells and a
 *                      time bound then refuses an ordinary burst
 * @param stackSize     stack of each worker thread, which bounds native recursion
 * @param maxConcurrentWebhooks webhooks between arrival and answer, wherever they wait (bot lookup, worker, pool
 *                      connection, commit); beyond it 503 at once, before the database is asked anything, so a
 *                      backlog never makes every answer slow
 */
@ConfigurationProperties("webhooks.pipeline")
public record PipelineProperties(
        @DefaultValue("0") int workers,
        @DefaultValue("256") int queueCapacity,
        @DefaultValue("128") int maxQueuedPerBot,
        @DefaultValue("0s") Duration maxQueueWait,
        @DefaultValue("2MB") DataSize stackSize,
        @DefaultValue("256") int maxConcurrentWebhooks) {

    /**
     * {@code workers}, or when 0: the cores less two (the event loops, the database driver and, on a small
     * machine, PostgreSQL need them), at least one, plus the spare worker that a flooding bot cannot take.
     */
    public int workerThreads() {
        if (workers > 0) {
            return workers;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 2) + 1;
    }
}
