package dev.botwebhooks.config;

import dev.botwebhooks.script.ScriptLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;
import java.util.List;

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
        @DefaultValue Admission admission,
        @DefaultValue Pipeline pipeline,
        @DefaultValue Script script,
        @DefaultValue Cache cache,
        @DefaultValue Metrics metrics,
        @DefaultValue Commit commit,
        @DefaultValue Telegram telegram,
        @DefaultValue Delivery delivery,
        @DefaultValue ScheduledRuns scheduledRuns,
        @DefaultValue Idempotency idempotency,
        @DefaultValue Verification verification,
        @DefaultValue Calls calls) {

    /**
     * The Netty edge.
     *
     * @param maxBodySize           largest webhook body read; a larger one is answered 413
     * @param maxInitialLineLength  longest request line (method, URL, version); longer is answered 414
     * @param maxHeaderSize         all request headers together; more is answered 431
     * @param headerTimeout         from a connection's start, or the end of its previous response, until the
     *                              next request's headers are in; a client that trickles bytes is disconnected
     * @param readTimeout           longest pause between two reads of a request body
     * @param requestTimeout        longest time to read a whole request body
     */
    public record Ingress(
            @DefaultValue("1MB") DataSize maxBodySize,
            @DefaultValue("8KB") DataSize maxInitialLineLength,
            @DefaultValue("16KB") DataSize maxHeaderSize,
            @DefaultValue("10s") Duration headerTimeout,
            @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("30s") Duration requestTimeout) {
    }

    /**
     * Who may run a bot's webhooks, checked after the signature (DESIGN.md, flow step 3).
     *
     * @param trustedProxies  CIDRs whose X-Forwarded-For / Forwarded headers are believed
     * @param banExemptIps    addresses and CIDRs the ban filter never bans, for every bot
     * @param banThreshold    requests one address may send in {@code banWindow} (all bots together)
     * @param banWindow       the window {@code banThreshold} counts in
     * @param banDuration     how long an address that went over is refused with 429
     * @param maxTrackedIps   addresses the ban filter remembers (least recently seen are forgotten)
     * @param rateLimit       a bot's token bucket when its settings name none
     */
    public record Admission(
            @DefaultValue List<String> trustedProxies,
            @DefaultValue List<String> banExemptIps,
            @DefaultValue("1000") long banThreshold,
            @DefaultValue("10s") Duration banWindow,
            @DefaultValue("60s") Duration banDuration,
            @DefaultValue("100000") long maxTrackedIps,
            @DefaultValue RateLimit rateLimit) {
    }

    /**
     * @param perSecond tokens added per second (requests per second sustained)
     * @param burst     bucket size (requests at once)
     */
    public record RateLimit(@DefaultValue("100") double perSecond, @DefaultValue("200") long burst) {
    }

    /**
     * @param workers       Rhino worker threads
     * @param queueCapacity runs waiting for a worker; beyond it the service answers 503 at once
     * @param stackSize     stack of each worker thread, which bounds native recursion
     * @param maxInFlightPerBot runs of one bot running or queued at once; beyond it that bot gets 503 at once,
     *                      so one slow or flooding bot cannot take every worker
     * @param maxConcurrentWebhooks webhooks admitted and not yet answered, wherever they wait (worker, pool
     *                      connection, commit); beyond it 503 at once, so a backlog never makes every answer slow
     */
    public record Pipeline(
            @DefaultValue("8") int workers,
            @DefaultValue("256") int queueCapacity,
            @DefaultValue("2MB") DataSize stackSize,
            @DefaultValue("4") int maxInFlightPerBot,
            @DefaultValue("256") int maxConcurrentWebhooks) {
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
            @DefaultValue("1000") int maxPropertyWrites,
            @DefaultValue("1MB") DataSize maxAnswerSize) {

        public ScriptLimits toLimits() {
            return new ScriptLimits(cpuTime, wallTime, maxAllocated.toBytes(), maxStackDepth, maxMessages,
                    maxMessageChars, Math.toIntExact(maxPropertySize.toBytes()), maxPropertyWrites,
                    Math.toIntExact(maxAnswerSize.toBytes()));
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

    /**
     * @param botTtl     how long a bot's secret and settings are cached; a rotation elsewhere takes effect after it
     * @param maxBots    bots kept in that cache
     * @param dataTtl    how long commands and users are cached for the webhook path; a change made on another
     *                   replica takes effect after it
     * @param maxEntries commands and users kept in those caches (each)
     */
    public record Cache(
            @DefaultValue("10s") Duration botTtl,
            @DefaultValue("10000") long maxBots,
            @DefaultValue("2s") Duration dataTtl,
            @DefaultValue("100000") long maxEntries) {
    }

    /**
     * The chat API that outbox messages of bots with a {@code telegram_token} go to.
     *
     * @param apiBaseUrl      a Telegram-Bot-API-compatible server; messages are POSTed to {@code {it}/bot{token}/sendMessage}
     * @param connectTimeout  connecting to it
     * @param responseTimeout waiting for its answer
     */
    public record Telegram(
            @DefaultValue("https://api.telegram.org") URI apiBaseUrl,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration responseTimeout) {
    }

    /**
     * The outbox delivery worker.
     *
     * @param enabled        whether this replica sends messages
     * @param pollInterval   how often it looks for messages (a run on this replica wakes it at once)
     * @param batchSize      messages (each of a different chat) claimed per poll
     * @param lease          how long a claim lasts; a replica that dies mid-send loses it after this
     * @param initialBackoff wait after the first failed send; doubles per failure
     * @param maxBackoff     longest wait between sends
     * @param maxAttempts    failed sends (429s not counted) before a message is marked failed
     */
    public record Delivery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("30s") Duration lease,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("10") int maxAttempts) {
    }

    /**
     * The worker that executes due {@code Bot.run} jobs.
     *
     * @param enabled        whether this replica executes jobs
     * @param pollInterval   how often it looks for due jobs
     * @param batchSize      jobs claimed per poll (they run concurrently on the script workers)
     * @param lease          how long a claim lasts; longer than a run may take (script wall time plus commit)
     * @param initialBackoff wait after a job failed for a reason outside its script; doubles per failure
     * @param maxBackoff     longest such wait
     * @param maxAttempts    tries before such a job is marked failed
     */
    public record ScheduledRuns(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("16") int batchSize,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("10") int maxAttempts) {
    }

    /**
     * Idempotent redelivery (bots with an {@code idempotency} setting).
     *
     * @param retention       how long a stored answer is replayed to a redelivery; Stripe retries for 3 days
     * @param lease           how long a first delivery may run before a duplicate may take its claim over (crashed owner)
     * @param maxWait         how long a duplicate waits for the first delivery's answer before 409 with Retry-After
     * @param poll            how often a waiting duplicate looks for that answer
     * @param cleanupInterval how often expired answers are deleted
     * @param cleanupBatch    rows deleted per statement, so a cleanup never holds long locks
     */
    public record Idempotency(
            @DefaultValue("3d") Duration retention,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("10s") Duration maxWait,
            @DefaultValue("50ms") Duration poll,
            @DefaultValue("1m") Duration cleanupInterval,
            @DefaultValue("1000") int cleanupBatch) {
    }

    /** @param tolerance how far a provider's signed timestamp may be from now (Stripe's and Standard Webhooks' 5 minutes) */
    public record Verification(@DefaultValue("5m") Duration tolerance) {
    }

    /**
     * The call log's retention.
     *
     * @param retention       how long call records (with request and answer bodies) are kept
     * @param cleanupInterval how often older ones are deleted
     * @param cleanupBatch    rows deleted per statement, so a sweep never holds long locks
     */
    public record Calls(
            @DefaultValue("30d") Duration retention,
            @DefaultValue("1m") Duration cleanupInterval,
            @DefaultValue("1000") int cleanupBatch) {
    }
}
