package dev.botwebhooks.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Queue depth and runs in flight of the script worker pool. */
@Component
class PipelineMetrics implements MeterBinder {

    private final ScriptWorkers workers;

    PipelineMetrics(ScriptWorkers workers) {
        this.workers = workers;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("pipeline.queue.depth", workers, ScriptWorkers::queued)
                .description("Runs waiting for a script worker").register(registry);
        Gauge.builder("pipeline.runs.active", workers, ScriptWorkers::active)
                .description("Runs on a script worker now").register(registry);
    }
}
