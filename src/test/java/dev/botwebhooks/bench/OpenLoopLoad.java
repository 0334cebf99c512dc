package dev.botwebhooks.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load for the overload scenario (d) of `make bench`: requests leave at a fixed rate
 * whatever the answers, and latency is recorded per status, so refusals (503) and accepted runs
 * (200) get percentiles of their own. wrk, closed-loop and blind to status in its latency, can do
 * neither. Prints one JSON line: per status, and over all answers ({@code all}).
 *
 * <p>Arguments: url rate-per-second duration-seconds max-connections. At most four requests per connection are
 * outstanding (sent or waiting for a connection); a request due beyond that is not sent but counted in
 * {@code dropped_by_client}, so a service that answers too slowly shows as drops and latency instead of filling this
 * client's memory until it fails.
 */
public final class OpenLoopLoad {

    private OpenLoopLoad() {
    }

    public static void main(String[] args) {
        String url = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        int maxOutstanding = connections * 4;
        HttpClient client = HttpClient.create(ConnectionProvider.builder("load").maxConnections(connections)
                        .pendingAcquireMaxCount(-1).build())
                .responseTimeout(Duration.ofSeconds(10));
        Map<Integer, Histogram> byStatus = new ConcurrentHashMap<>();
        Histogram all = new ConcurrentHistogram(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        // From 1000/s on, a batch every millisecond: a timer tick per request cannot keep up.
        int batch = rate >= 1000 ? rate / 1000 : 1;
        Duration every = rate >= 1000 ? Duration.ofMillis(1) : Duration.ofNanos(TimeUnit.SECONDS.toNanos(1) / rate);
        long started = System.nanoTime();

        AtomicLong dropped = new AtomicLong();
        Flux.interval(every)
                .take(Duration.ofSeconds(seconds))
                .flatMapIterable(tick -> Collections.nCopies(batch, tick))
                // The client itself could not keep up, or too many answers are outstanding: counted, never queued.
                .onBackpressureDrop(tick -> dropped.incrementAndGet())
                .flatMap(tick -> {
                    sent.incrementAndGet();
                    long start = System.nanoTime();
                    return client.get().uri(url)
                            .responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
                            .doOnNext(status -> {
                                long micros = Math.max(1, (System.nanoTime() - start) / 1000);
                                byStatus.computeIfAbsent(status, s -> new ConcurrentHistogram(3)).recordValue(micros);
                                all.recordValue(micros);
                            })
                            .onErrorResume(error -> {
                                errors.incrementAndGet();
                                return Mono.empty();
                            });
                }, maxOutstanding)
                .blockLast(Duration.ofSeconds(seconds + 30L));

        double elapsed = (System.nanoTime() - started) / 1e9;
        StringJoiner statuses = new StringJoiner(",", "{", "}");
        new TreeMap<>(byStatus).forEach((status, histogram) -> statuses.add("\"" + status + "\":" + summary(histogram)));
        System.out.printf(Locale.ROOT,
                "{\"sent\":%d,\"dropped_by_client\":%d,\"seconds\":%.1f,\"errors\":%d,\"all\":%s,\"statuses\":%s}%n",
                sent.get(), dropped.get(), elapsed, errors.get(), summary(all), statuses);
        System.exit(0);
    }

    private static String summary(Histogram histogram) {
        return String.format(Locale.ROOT, "{\"count\":%d,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"p999_ms\":%.2f}",
                histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0);
    }
}
