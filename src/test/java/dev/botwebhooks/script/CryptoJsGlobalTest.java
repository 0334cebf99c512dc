package dev.botwebhooks.script;

import org.junit.jupiter.api.Test;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.Scriptable;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code CryptoJS} in the engine: made only for a run that names it, within its budget, and leaving no other name. */
class CryptoJsGlobalTest {

    private static final long BOT = 7;
    private static final ScriptLimits LIMITS = new ScriptLimits(Duration.ofSeconds(1), Duration.ofSeconds(3),
            32L << 20, 1000, 5, 4096, 65536, 20);

    private final ScriptEngine engine = new ScriptEngine(LIMITS);
    private final InMemoryScriptHost host = new InMemoryScriptHost(BOT);
    private final AtomicLong versions = new AtomicLong();

    @Test
    void aRunThatDoesNotNameCryptoJsDoesNotLoadIt() {
        long before = CryptoJsGlobal.loads();
        ScriptOutcome plain = run(engine, "Bot.sendMessage(Object.getOwnPropertyNames(globalThis).indexOf('CryptoJS'))");
        assertThat(plain.answer()).isEqualTo("-1");
        assertThat(CryptoJsGlobal.loads()).isEqualTo(before);

        ScriptOutcome naming = run(engine, "Bot.sendMessage(typeof CryptoJS.HmacSHA256 + ' ' + typeof CryptoJS.AES)");
        assertThat(naming.answer()).isEqualTo("function object");
        assertThat(CryptoJsGlobal.loads()).isEqualTo(before + 1);
    }

    @Test
    void loadingDefinesCryptoJsAndNothingElseInTheRunsGlobal() {
        ScriptOutcome outcome = run(engine, """
                var before = Object.getOwnPropertyNames(globalThis)
                var hmac = typeof CryptoJS.HmacSHA256
                var added = Object.getOwnPropertyNames(globalThis).filter(function (n) { return before.indexOf(n) < 0 })
                Bot.sendMessage([hmac, added.join(), typeof module, typeof exports, typeof define, typeof require,
                  typeof crypto, typeof window, typeof self, typeof globalThis.crypto].join(' '))""");

        assertThat(outcome.answer()).isEqualTo(
                "function CryptoJS undefined undefined undefined undefined undefined undefined undefined undefined");
    }

    @Test
    void loadingCountsInTheRunsBudget() {
        run(engine, "CryptoJS");
        // Compiled already: what is left is the evaluation, about 2 MB of allocation, more than this run has.
        ScriptEngine tight = new ScriptEngine(new ScriptLimits(Duration.ofSeconds(1), Duration.ofSeconds(3),
                1L << 20, 1000, 5, 4096, 65536, 20));

        assertThat(run(tight, "Bot.sendMessage('ok')").answer()).isEqualTo("ok");

        ScriptOutcome outcome = run(tight, "Bot.sendMessage(CryptoJS.SHA256('abc').toString())");

        assertThat(outcome.failure()).isNotNull();
        assertThat(outcome.failure().kind()).isEqualTo(ScriptFailure.Kind.MEMORY_LIMIT);
    }

    @Test
    void getRandomValuesFillsIntegerTypedArraysOfAtMost65536Bytes() {
        Context cx = Context.enter();
        try {
            cx.setLanguageVersion(Context.VERSION_ES6);
            Scriptable scope = cx.initSafeStandardObjects();
            Object bytes = cx.evaluateString(scope, "new Uint8Array(65536)", "test", 1, null);
            assertThat(CryptoJsGlobal.getRandomValues(new Object[] {bytes})).isSameAs(bytes);
            scope.put("bytes", scope, bytes);
            // 65536 random bytes: every value shows up (a zero-filled or constant array would not).
            assertThat(cx.evaluateString(scope, "new Set(Array.from(bytes)).size", "test", 1, null)).isEqualTo(256);

            Object words = cx.evaluateString(scope, "new Uint32Array(1024)", "test", 1, null);
            CryptoJsGlobal.getRandomValues(new Object[] {words});
            scope.put("words", scope, words);
            assertThat(cx.evaluateString(scope, "Array.from(words).some(function (w) { return w > 0x7fffffff })"
                    + " && Array.from(words).some(function (w) { return w < 0x80000000 })", "test", 1, null)).isEqualTo(true);

            Object signed = cx.evaluateString(scope, "new Int16Array(1024)", "test", 1, null);
            CryptoJsGlobal.getRandomValues(new Object[] {signed});
            scope.put("signed", scope, signed);
            assertThat(cx.evaluateString(scope, "Array.from(signed).some(function (w) { return w < 0 })", "test", 1, null))
                    .isEqualTo(true);

            Object tooMany = cx.evaluateString(scope, "new Uint32Array(16385)", "test", 1, null);
            assertThatThrownBy(() -> CryptoJsGlobal.getRandomValues(new Object[] {tooMany})).isInstanceOf(EcmaError.class)
                    .hasMessageContaining("RangeError: crypto.getRandomValues fills at most 65536 bytes, not 65540");
            Object floats = cx.evaluateString(scope, "new Float64Array(2)", "test", 1, null);
            assertThatThrownBy(() -> CryptoJsGlobal.getRandomValues(new Object[] {floats})).isInstanceOf(EcmaError.class)
                    .hasMessageContaining("TypeError: crypto.getRandomValues expects an integer typed array");
        } finally {
            Context.exit();
        }
    }

    private ScriptOutcome run(ScriptEngine on, String code) {
        ScriptRun run = ScriptRunBuilder.userRun(new ScriptSource(BOT, "/cmd", versions.incrementAndGet(), code)).build();
        return onWorker(() -> on.run(run, host));
    }

    /** Runs like production: on a worker thread with a fixed 1 MiB stack. */
    private static ScriptOutcome onWorker(Supplier<ScriptOutcome> work) {
        AtomicReference<ScriptOutcome> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> outcome.set(work.get()), "script-test", 1 << 20);
        thread.start();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as("run finished").isFalse();
        return outcome.get();
    }
}
