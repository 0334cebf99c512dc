package dev.botwebhooks.delivery;



import dev.botwebhooks.job.JobRepository;
import dev.botwebhooks.scheduling.Backoff;
import dev.botwebhooks.scheduling.PollingWorker;
import dev.botwebhooks.run.RunCommitted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the outbox to the chat API: the oldest pending message of each chat at a time (so every chat
 * stays in order), retried with backoff while the API is unavailable, after {@code retry_after} when
 * rate limited, and marked failed with the API's reason when refused. Delivery is at least once: a
 * replica that dies between the API's answer and the status update sends that message again.
 */
@Component
class DeliveryWorker extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final List<String> OUTCOMES = List.of("sent", "rate_limited", "retry", "failed", "stored");
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(5);

    private final OutboxRepository outbox;
    private final TelegramClient telegram;
    private final JobRepository jobs;
    private final SentResults results;
    private final TransactionalOperator transaction;
    private final DeliveryProperties settings;
    private final Backoff backoff;
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final AtomicLong backlog = new AtomicLong();
    private volatile long backlogRefreshedAt;

    DeliveryWorker(OutboxRepository outbox, TelegramClient telegram, DeliveryProperties settings,
            JobRepository jobs, SentResults results, TransactionalOperator transaction, MeterRegistry registry) {
        super("message delivery", settings.pollInterval(), settings.enabled());
        this.results = results;
        this.outbox = outbox;
        this.telegram = telegram;
        this.jobs = jobs;
        this.transaction = transaction;
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        for (String outcome : OUTCOMES) {
            outcomes.put(outcome, Counter.builder("delivery.messages").description("Outbox messages handled, by outcome")
                    .tag("outcome", outcome).register(registry));
        }
        Gauge.builder("delivery.backlog", backlog, AtomicLong::get)
                .description("Messages waiting to be sent (all replicas), refreshed every few seconds")
                .register(registry);
    }

    @EventListener
    void onCommit(RunCommitted committed) {
        if (committed.messages() > 0) {
            wake();
        }
    }

    @Override
    protected Mono<Integer> pollOnce() {
        return refreshBacklog().then(outbox.claim(settings.batchSize(), settings.lease())
                .flatMap(this::deliver, settings.batchSize())
                .count().map(Long::intValue));
    }

    private Mono<Void> deliver(ClaimedMessage message) {
        if (message.token() == null) {
            return outbox.stored(message.id()).doOnSuccess(done -> count("stored"));
        }
        return telegram.call(message.token(), message.method(), message.chatId(), message.text(),
                        BbOptions.withoutThem(message.options()))
                .flatMap(result -> record(message, result));
    }

    private Mono<Void> record(ClaimedMessage message, SendResult result) {
        if (result instanceof SendResult.Sent sent) {
            count("sent");
            // BB's result_to_*_property commits with the sent status, in one transaction.
            Mono<Void> status = outbox.sent(message.id());
            return results.wanted(message.options())
                    ? transaction.transactional(finished(status.then(results.save(message.botId(), message.options(),
                            sent.answer())), message, message.onResult(), sent.answer()))
                    : finished(status, message, message.onResult(), sent.answer());
        }
        if (result instanceof SendResult.RateLimited limited) {
            count("rate_limited");
            return outbox.retryLater(message.id(), limited.retryAfter(),
                    "429 rate limited, retry after " + limited.retryAfter().toMillis() + " ms", false);
        }
        if (result instanceof SendResult.Refused refused) {
            count("failed");
            log.info("message {} of bot {} refused by the chat API: {}", message.id(), message.botId(), refused.reason());
            return finished(outbox.failed(message.id(), refused.reason()), message, message.onError(), refused.answer());
        }
        String reason = ((SendResult.Unavailable) result).reason();
        if (message.attempts() >= settings.maxAttempts()) {
            count("failed");
            log.warn("message {} of bot {} not sent after {} attempts: {}", message.id(), message.botId(),
                    message.attempts(), reason);
            return outbox.failed(message.id(), "gave up after " + message.attempts() + " attempts: " + reason);
        }
        count("retry");
        return outbox.retryLater(message.id(), backoff.after(message.attempts()), reason, true);
    }

    /**
     * The status, and the call's {@code on_result}/{@code on_error} command as a job with the API's answer as its
     * {@code options} (and the call's {@code bb_options}), in one transaction: the command runs once for each answer
     * the outbox records.
     */
    private Mono<Void> finished(Mono<Void> status, ClaimedMessage message, String command, JsonNode answer) {
        if (command == null) {
            return status;
        }
        return transaction.transactional(status.then(jobs.insertCallback(message.botId(), message.callId(), command,
                message.userId(), BbOptions.withThem(answer, message.options()), null)));
    }

    private Mono<Void> refreshBacklog() {
        long now = System.nanoTime();
        if (now - backlogRefreshedAt < BACKLOG_REFRESH.toNanos() && backlogRefreshedAt != 0) {
            return Mono.empty();
        }
        backlogRefreshedAt = now;
        return outbox.backlog().doOnNext(backlog::set).then();
    }

    private void count(String outcome) {
        outcomes.get(outcome).increment();
    }
}
