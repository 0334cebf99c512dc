package dev.botwebhooks.script;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/** Per-run sandbox limits (see {@link ScriptLimits}), and how long saving may spend transpiling ({@link ModernSyntax}). */
@ConfigurationProperties("webhooks.script")
public record ScriptProperties(
        @DefaultValue("1s") Duration cpuTime,
        @DefaultValue("5s") Duration wallTime,
        @DefaultValue("64MB") DataSize maxAllocated,
        @DefaultValue("400") int maxStackDepth,
        @DefaultValue("100") int maxMessages,
        @DefaultValue("16384") int maxMessageChars,
        @DefaultValue("64KB") DataSize maxPropertySize,
        @DefaultValue("1000") int maxPropertyWrites,
        @DefaultValue("1MB") DataSize maxAnswerSize,
        @DefaultValue("60s") Duration transpileTimeout) {

    public ScriptLimits toLimits() {
        return new ScriptLimits(cpuTime, wallTime, maxAllocated.toBytes(), maxStackDepth, maxMessages,
                maxMessageChars, Math.toIntExact(maxPropertySize.toBytes()), maxPropertyWrites,
                Math.toIntExact(maxAnswerSize.toBytes()));
    }
}
