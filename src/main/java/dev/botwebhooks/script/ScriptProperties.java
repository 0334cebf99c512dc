package dev.botwebhooks.script;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Per-run sandbox limits (see {@link ScriptLimits}), and how long saving may spend transpiling ({@link ModernSyntax}).
 *
 * @param cpuTime           CPU time per run
 * @param wallTime          elapsed time per run
 * @param maxAllocated      bytes a run may allocate
 * @param maxStackDepth     JavaScript call depth
 * @param maxMessages       Bot.sendMessage calls per run
 * @param maxMessageChars   characters per message
 * @param maxPropertySize   serialized size of one property value
 * @param maxPropertyWrites property writes per run
 * @param maxAnswerSize     UTF-8 size of the answer a run chooses with WebApp.render; larger fails the run with 503
 * @param transpileTimeout  longest one save may spend transpiling code Rhino cannot parse (Babel's first load, once
 *                          per process, is not counted)
 */
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
