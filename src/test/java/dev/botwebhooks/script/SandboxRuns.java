package dev.botwebhooks.script;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Real runs through one {@link ScriptEngine}, on worker threads like production, for the isolation tests. */
final class SandboxRuns {

    static final long BOT = 7;
    static final ScriptLimits LIMITS = new ScriptLimits(Duration.ofSeconds(2), Duration.ofSeconds(5),
            64L << 20, 1000, 5, 1 << 20, 65536, 20);

    final ScriptEngine engine = new ScriptEngine(LIMITS);
    final InMemoryScriptHost host = new InMemoryScriptHost(BOT);
    private final AtomicLong versions = new AtomicLong();

    /** A new command (a new version, so compiled afresh) run once with {@code content}. */
    ScriptOutcome run(String code, String content) {
        return run(source(code), content);
    }

    ScriptOutcome run(ScriptSource source, String content) {
        return onWorker(() -> engine.run(ScriptRunBuilder.userRun(source).commandLine("/cmd").content(content)
                .options("{\"method\":\"POST\",\"params\":{},\"headers\":{\"x-secret\":\"" + content + "\"},\"ip\":\"10.0.0.1\"}")
                .build(), host));
    }

    ScriptSource source(String code) {
        return new ScriptSource(BOT, "/cmd", versions.incrementAndGet(), code);
    }

    static ScriptOutcome onWorker(Supplier<ScriptOutcome> work) {
        AtomicReference<ScriptOutcome> outcome = new AtomicReference<>();
        Thread thread = worker(() -> outcome.set(work.get()));
        thread.start();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as("run finished").isFalse();
        return outcome.get();
    }

    static Thread worker(Runnable work) {
        return new Thread(null, work, "script-test", 1 << 20);
    }
}
