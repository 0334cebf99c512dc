package dev.botwebhooks.run;

import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.script.ScriptOutcome;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Times script runs on their worker ({@code script.run{outcome}}): ok, script_error, limit, infrastructure. */
@Component
public class ScriptRunMetrics {

    private final Meter.MeterProvider<Timer> runs;

    ScriptRunMetrics(MeterRegistry registry) {
        this.runs = Timer.builder("script.run").description("Script runs on a worker, from start to outcome")
                .publishPercentileHistogram().withRegistry(registry);
    }

    public ScriptOutcome time(Supplier<ScriptOutcome> run) {
        long start = System.nanoTime();
        ScriptOutcome outcome = run.get();
        runs.withTag("outcome", outcome(outcome.failure()))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return outcome;
    }

    static String outcome(ScriptFailure failure) {
        if (failure == null) {
            return "ok";
        }
        return switch (failure.kind()) {
            case SCRIPT_ERROR -> "script_error";
            case INFRASTRUCTURE -> "infrastructure";
            default -> "limit";
        };
    }
}
