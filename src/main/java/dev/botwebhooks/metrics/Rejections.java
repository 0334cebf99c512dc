package dev.botwebhooks.metrics;


import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;

/** Counts refused webhooks by reason; the tag values are the fixed set of {@link Rejection}. */
@Component
public class Rejections {

    private final Map<Rejection, Counter> counters = new EnumMap<>(Rejection.class);

    Rejections(MeterRegistry registry) {
        for (Rejection reason : Rejection.values()) {
            counters.put(reason, Counter.builder("webhook.rejections")
                    .description("Webhooks refused or failed, by reason")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
    }

    public void count(Rejection reason) {
        counters.get(reason).increment();
    }
}
