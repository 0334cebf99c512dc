package dev.botwebhooks.config;

import dev.botwebhooks.script.ScriptLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;

/**
 * Everything under {@code webhooks.*}; application.yaml documents each key with its default.
 *
 * @param publicBaseUrl where callers reach this service; generated webhook URLs start with it
 * @param adminToken    the platform admin token (creates bots); when blank a random one is generated and logged
 */
@ConfigurationProperties("webhooks")
public record WebhooksProperties(
        @DefaultValue("http://localhost:8080") URI publicBaseUrl,
        String adminToken,
        @DefaultValue Ingress ingress,
        @DefaultValue Pipeline pipeline,
        @DefaultValue Script script,
        @DefaultValue Cache cache,
        @DefaultValue Metrics metrics,
        @DefaultValue Commit commit) {

    /** @param maxBodySize largest webhook body read; a larger one is answered 413 */
    public record Ingress(@DefaultValue("1MB") DataSize maxBodySize) {
    }

    /**
     * @param workers       Rhino worker threads
     * @param queueCapacity runs waiting for a worker; beyond it the service answers 503 at once
     * @param stackSize     stack of each worker thread, which bounds native recursion
     */
    public record Pipeline(
            @DefaultValue("8") int workers,
            @DefaultValue("256") int queueCapacity,
            @DefaultValue("2MB") DataSize stackSize) {
    }

    /** Per-run sandbox limits; see {@link ScriptLimits}. */
    public record Script(
            @DefaultValue("1s") Duration cpuTime,
            @DefaultValue("5s") Duration wallTime,
            @DefaultValue("64MB") DataSize maxAllocated,
            @DefaultValue("400") int maxStackDepth,
            @DefaultValue("100") int maxMessages,
            @DefaultValue("16384") int maxMessageChars,
            @DefaultValue("64KB") DataSize maxPropertySize,
            @DefaultValue("1000") int maxPropertyWrites) {

        public ScriptLimits toLimits() {
            return new ScriptLimits(cpuTime, wallTime, maxAllocated.toBytes(), maxStackDepth, maxMessages,
                    maxMessageChars, Math.toIntExact(maxPropertySize.toBytes()), maxPropertyWrites);
        }
    }

    /**
     * @param perBotMaxBots per-bot request counts for at most this many bots; 0 (the default) turns them off,
     *                      because a bot id is an unbounded metric tag
     */
    public record Metrics(@DefaultValue("0") int perBotMaxBots) {
    }

    /**
     * Group commit of concurrent runs (run.GroupCommit).
     *
     * @param maxBatch                  runs sharing one transaction at most
     * @param maxConcurrentTransactions shared transactions open at once (each holds a pool connection)
     */
    public record Commit(@DefaultValue("64") int maxBatch, @DefaultValue("4") int maxConcurrentTransactions) {
    }

    /** @param botTtl how long a bot's secret and settings are cached; a rotation elsewhere takes effect after it */
    public record Cache(@DefaultValue("10s") Duration botTtl, @DefaultValue("10000") long maxBots) {
    }
}
