package dev.botwebhooks.script;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The adversarial scripts of issue 4: each breaks one limit, fails its run only, and the engine carries on. */
class ScriptLimitsTest {

    private static final long BOT = 7;
    private static final ScriptLimits LIMITS = new ScriptLimits(Duration.ofMillis(500), Duration.ofSeconds(3),
            32L << 20, 400, 5, 4096, 65536, 20, 1 << 16);

    private final ScriptEngine engine = new ScriptEngine(LIMITS);
    private final InMemoryScriptHost host = new InMemoryScriptHost(BOT);
    private final AtomicLong versions = new AtomicLong();

    @ParameterizedTest
    @ValueSource(strings = {"while(true){}", "for(;;);", "while(true){ try { for(;;){} } catch(e){} }"})
    void infiniteLoopsHitTheCpuLimit(String code) {
        assertFails(code, ScriptFailure.Kind.CPU_TIME_LIMIT);
    }

    /** Rhino's regex engine counts its backtracking steps as instructions and keeps its backtrack stack on the heap. */
    @ParameterizedTest
    @ValueSource(strings = {"/(a+)+$/.test('a'.repeat(40) + '!')", "/(x+x+)+y/.exec('x'.repeat(5000))",
            "/^(([a-z])+.)+[A-Z]([a-z])+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')"})
    void catastrophicRegexesHitALimit(String code) {
        assertFails(code, ScriptFailure.Kind.CPU_TIME_LIMIT, ScriptFailure.Kind.MEMORY_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"function f(){f()} f()",
            "function f(){ try { f() } catch (e) { f() } } f()",
            "function f(){ try { f() } catch (e) {} } f(); Bot.sendMessage('survived')",
            "function r(k, v){ JSON.stringify({a: 1}, r); return v } JSON.stringify({a: 1}, r)",
            "function r(k, v){ try { JSON.stringify({a: 1}, r) } catch (e) {} return v } JSON.stringify({a: 1}, r); Bot.sendMessage('survived')",
            "var o = {}; o.toString = function(){ return String(o) }; String(o)",
            "function g(){ return [1].map(g) } try { g() } catch (e) { Bot.sendMessage('survived') }"})
    void deepRecursionHitsTheStackLimitAndCannotBeCaught(String code) {
        assertFails(code, ScriptFailure.Kind.STACK_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'x'.repeat(2**30)", "try { 'x'.repeat(2**30) } catch (e) {} Bot.sendMessage('survived')",
            "new Array(1e8).join('x')", "String(new Array(1e8))", "var a = [1]; for (;;) a = a.concat(a)",
            "var s = 'x'; for (;;) s += s",
            "''.padStart(2**30, 'ab')", "'y'.padEnd(2**29)", "'x'.concat('x'.repeat(1e6).repeat(30))",
            "new Array(1e8).fill(0)", "var a = []; for (;;) a.push('xxxxxxxxxxxxxxxxxxxx' + a.length)"})
    void runawayAllocationHitsTheMemoryLimit(String code) {
        assertFails(code, ScriptFailure.Kind.MEMORY_LIMIT);
    }

    /** A doubled string is a rope until something reads it; flattening it is one big copy, measured afterwards. */
    @Test
    void readingADoubledStringHitsALimit() {
        assertFails("var s = 'x'; try { for (;;) s += s } catch (e) {} s.indexOf('y')", ScriptFailure.Kind.CPU_TIME_LIMIT,
                ScriptFailure.Kind.MEMORY_LIMIT);
    }

    @Test
    void guardedBuiltInsStillWork() {
        ScriptOutcome outcome = run("""
                Bot.sendMessage(['ab'.repeat(3), [1, [2, 3]].join('-'), [1].concat([2], 3).join(), '5'.padStart(3, '0'),
                    '5'.padEnd(2, '.'), 'a'.concat('b', 1), String([1, 2]), new Array(3).fill(7).join(''),
                    typeof String.prototype.repeat, 'x'.repeat.name].join('|'))""");

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.answer()).isEqualTo("ababab|1-2,3|1,2,3|005|5.|ab1|1,2|777|function|repeat");
    }

    @Test
    void anAnswerOverTheLimitFailsTheRun() {
        assertFails("WebApp.render({content: 'x'.repeat(70000)})", ScriptFailure.Kind.OUTPUT_LIMIT);
        assertThat(run("WebApp.render({content: 'x'.repeat(60000)})").customResponse().body()).hasSize(60000);
    }

    private void assertFails(String code, ScriptFailure.Kind... kinds) {
        ScriptOutcome outcome = run(code);

        assertThat(outcome.failure()).as("outcome of %s", code).isNotNull();
        assertThat(outcome.failure().kind()).as(outcome.failure().toString()).isIn((Object[]) kinds);
        assertThat(outcome.cpuTime()).isLessThan(Duration.ofSeconds(2));
        assertThat(run("Bot.sendMessage('next')").answer()).isEqualTo("next");
    }

    private ScriptOutcome run(String code) {
        ScriptRun run = ScriptRunBuilder.globalRun(new ScriptSource(BOT, "/cmd", versions.incrementAndGet(), code)).build();
        AtomicReference<ScriptOutcome> outcome = new AtomicReference<>();
        // Like production: a worker thread with a fixed stack.
        Thread worker = new Thread(null, () -> outcome.set(engine.run(run, host)), "script-test", 1 << 20);
        worker.start();
        try {
            worker.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(worker.isAlive()).as("run of %s finished", code).isFalse();
        return outcome.get();
    }
}
