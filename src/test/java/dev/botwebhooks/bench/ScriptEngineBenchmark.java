package dev.botwebhooks.bench;

import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.script.ScriptEngine;
import dev.botwebhooks.script.ScriptHost;
import dev.botwebhooks.script.ScriptLimits;
import dev.botwebhooks.script.ScriptOutcome;
import dev.botwebhooks.script.ScriptRun;
import dev.botwebhooks.script.ScriptRunBuilder;
import dev.botwebhooks.script.ScriptSource;
import dev.botwebhooks.url.WebhookUrlRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One run of a cached, compiled command with the instruction observer on: what the sandbox costs
 * per webhook, without HTTP or the database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xss2m")
public class ScriptEngineBenchmark {

    private static final ScriptHost NO_DATA = new ScriptHost() {
        @Override
        public Optional<PropertyValue> readProperty(Long userId, String name) {
            return Optional.empty();
        }

        @Override
        public String webhookUrl(WebhookUrlRequest request) {
            return "http://localhost/";
        }

        @Override
        public boolean userExists(long userId) {
            return false;
        }

        @Override
        public Optional<ScriptSource> command(String name) {
            return Optional.empty();
        }
    };

    private ScriptEngine engine;
    private ScriptRun trivial;
    private ScriptRun payment;

    @Setup
    public void setUp() {
        engine = new ScriptEngine(new ScriptLimits(Duration.ofSeconds(1), Duration.ofSeconds(5), 64L << 20, 400,
                100, 16384, 65536, 1000));
        trivial = run(new ScriptSource(1, "/trivial", 1, "Bot.sendMessage('ok')"));
        payment = run(new ScriptSource(1, "/pay", 2, """
                let order = JSON.parse(content)
                if (!order.id) { throw new Error('no order id') }
                Bot.setProp('last_order', order, 'json')
                Bot.setProp('orders', Bot.getProp('orders', 0) + 1, 'integer')
                Bot.sendMessage(`paid ${order.id}: ${order.amount} ${order.currency}`)
                """));
    }

    private static ScriptRun run(ScriptSource source) {
        return ScriptRunBuilder.globalRun(source).botName("bench")
                .content("{\"id\": \"ord_1\", \"amount\": 10.5, \"currency\": \"EUR\"}")
                .options("{\"method\":\"POST\",\"params\":{},\"headers\":{},\"ip\":\"127.0.0.1\"}")
                .build();
    }

    @Benchmark
    public ScriptOutcome trivialCommand() {
        return engine.run(trivial, NO_DATA);
    }

    @Benchmark
    public ScriptOutcome paymentCommand() {
        return engine.run(payment, NO_DATA);
    }
}
