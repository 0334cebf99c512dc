package dev.botwebhooks.bench;

import dev.botwebhooks.url.SignedFields;
import dev.botwebhooks.url.WebhookSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Verifying a webhook URL's signature: the CPU the event loop spends per request before admission. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class WebhookSignatureBenchmark {

    private final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final SignedFields fields = new SignedFields(42, "/onPayment", "1001", "Did you see the cat?",
            "https://example.com/thanks", "1900000000");
    private final String signature = WebhookSigner.sign(secret, fields);

    @Benchmark
    public boolean verifyValidSignature() {
        return WebhookSigner.verify(secret, fields, signature);
    }
}
