package dev.botwebhooks.script;

import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.url.WebhookUrlRequest;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one run leaves cannot be reached by a later run: its globals, its {@code content}, {@code user} and
 * {@code options}, whatever it hung on shared objects, and the tagged-template objects cached with the
 * compiled command. Runs at once use different built-in sets.
 */
class RunIsolationTest {

    /** Every string reachable from the run's global and from {@code extra}, outside the run's own values. */
    private static final String FIND_SECRET = """
            function reaches(start, secret) {
              var seen = new Set(), queue = [start];
              while (queue.length) {
                var o = queue.pop();
                if (o === null || o === undefined || seen.has(o)) continue;
                if (typeof o === 'string') { if (o.indexOf(secret) >= 0) return true; continue; }
                if (typeof o !== 'object' && typeof o !== 'function') continue;
                seen.add(o);
                queue.push(Object.getPrototypeOf(o));
                var keys = Reflect.ownKeys(o);
                for (var i = 0; i < keys.length; i++) {
                  if (o === globalThis && ['content', 'options', 'user', 'chat', 'params', 'message'].indexOf(keys[i]) >= 0) continue;
                  var d = Object.getOwnPropertyDescriptor(o, keys[i]);
                  if (!d) continue;
                  if ('value' in d) queue.push(o[keys[i]]); else { queue.push(d.get); queue.push(d.set); }
                }
              }
              return false;
            }
            """;

    private final SandboxRuns runs = new SandboxRuns();

    @Test
    void topLevelVarsFunctionsAndImplicitGlobalsStayInTheirRun() {
        ScriptSource command = runs.source("""
                if (content === 'first') {
                  var declared = content; function helper() { return content } implicit = content;
                  globalThis.viaGlobalThis = content; this.viaThis = content;
                  Bot.sendMessage('stored')
                } else {
                  Bot.sendMessage([typeof declared, typeof helper, typeof implicit, typeof viaGlobalThis, typeof viaThis].join())
                }""");

        assertThat(runs.run(command, "first").answer()).isEqualTo("stored");
        assertThat(runs.run(command, "second").answer()).isEqualTo("undefined,undefined,undefined,undefined,undefined");
    }

    @Test
    void nothingOfAnEarlierRunIsReachableFromALaterRun() {
        ScriptSource command = runs.source(FIND_SECRET + """
                function tag(strings) { return strings }
                var t = tag`a${1}b`;
                if (content === 'secret-1') {
                  var attempts = [
                    function () { Object.getPrototypeOf(globalThis).leak = content },
                    function () { Object.prototype.leak = content },
                    function () { Object.defineProperty(Object.prototype, 'leak', {value: options}) },
                    function () { t.leak = content }, function () { t.raw.leak = user },
                    function () { Object.getPrototypeOf(t).leak = content },
                    function () { t.__proto__ = {leak: content} }, function () { Object.getPrototypeOf(t).__proto__ = {leak: content} },
                    function () { t.__parent__ = globalThis }, function () { Object.getPrototypeOf(t).__parent__ = globalThis },
                    function () { Array.prototype.__proto__ = {leak: options} }, function () { JSON.__proto__ = {leak: user} },
                    function () { Math.max.__parent__ = globalThis }, function () { Symbol.for(content) },
                    function () { Error.prototype.leak = content }, function () { Date.prototype.setTime(42) }];
                  var refused = 0;
                  attempts.forEach(function (attempt) { try { attempt() } catch (e) { refused++ } });
                  Bot.sendMessage('refused ' + refused + ', reaches itself ' + reaches(globalThis, 'secret-1'))
                } else {
                  Bot.sendMessage([reaches(globalThis, 'secret-1'), reaches(t, 'secret-1'), t.leak, t.raw.leak,
                    Object.getPrototypeOf(t).leak, ({}).leak, [].leak, Symbol.keyFor(Symbol.for('x')),
                    Date.prototype.getTime(), t.constructor.constructor('return typeof content')()].join('|'))
                }""");

        ScriptOutcome first = runs.run(command, "secret-1");
        ScriptOutcome second = runs.run(command, "secret-2");

        assertThat(first.answer()).startsWith("refused ").endsWith("reaches itself true");
        assertThat(second.failure()).isNull();
        assertThat(second.answer()).isEqualTo("false|false||||||x|NaN|undefined");
        assertThat(runs.engine.compilations()).as("one compiled command, its template object shared").isEqualTo(1);
    }

    @Test
    void aTemplateObjectIsFrozenAndReachesNoRun() {
        ScriptSource command = runs.source("""
                function tag(s) { return s }
                var t = tag`x${content}y`;
                var before = Object.getPrototypeOf(t);
                try { t.own = 1 } catch (e) {}
                try { t.__proto__ = null } catch (e) {}
                try { Object.getPrototypeOf(t).__proto__ = {polluted: 1} } catch (e) {}
                Bot.sendMessage([Object.isFrozen(t), Object.isFrozen(t.raw), t.join(), t.raw.join(), typeof t.own,
                  Object.getPrototypeOf(t) === before, Array.isArray(t), [].polluted, t.polluted].join('|'))""");

        assertThat(runs.run(command, "one").answer()).isEqualTo("true|true|x,y|x,y|undefined|true|true||");
        assertThat(runs.run(command, "two").answer()).isEqualTo("true|true|x,y|x,y|undefined|true|true||");
    }

    @Test
    void aRunMayReplaceAGlobalBuiltInForItselfOnly() {
        ScriptSource command = runs.source("""
                if (content === 'first') { JSON = {parse: function () { return 'mine' }}; Math = 7 }
                Bot.sendMessage([JSON.parse('1'), typeof Math].join())""");

        assertThat(runs.run(command, "first").answer()).isEqualTo("mine,number");
        assertThat(runs.run(command, "second").answer()).isEqualTo("1,object");
    }

    @Test
    void prototypeChangesThroughProtoAreUndoneBeforeTheSetIsLentAgain() {
        ScriptSource command = runs.source("""
                if (content === 'first') { Array.prototype.__proto__ = {polluted: content}; Bot.sendMessage(String([].polluted)) }
                else Bot.sendMessage(String([].polluted))""");

        assertThat(runs.run(command, "first").answer()).as("the changing run sees its change").isEqualTo("first");
        assertThat(runs.run(command, "second").answer()).isEqualTo("undefined");
        assertThat(runs.engine.builtInSetsBuilt()).isEqualTo(1);
    }

    @Test
    void runsAtOnceBorrowDifferentSetsAndStayApart() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        ScriptHost meeting = new MeetingHost(bothInside);
        ScriptSource command = runs.source("""
                var mine = content; Symbol.for(content);
                Bot.getProp('wait');
                Bot.sendMessage([mine, content, Symbol.keyFor(Symbol.for(content)), typeof Symbol.keyFor(Symbol.for('a')),
                  typeof other].join()); other = 1""");
        AtomicReference<ScriptOutcome> a = new AtomicReference<>();
        AtomicReference<ScriptOutcome> b = new AtomicReference<>();
        Thread first = SandboxRuns.worker(() -> a.set(runs.engine.run(
                ScriptRunBuilder.userRun(command).content("a").build(), meeting)));
        Thread second = SandboxRuns.worker(() -> b.set(runs.engine.run(
                ScriptRunBuilder.userRun(command).content("b").build(), meeting)));
        first.start();
        second.start();
        first.join(30_000);
        second.join(30_000);

        assertThat(a.get().answer()).isEqualTo("a,a,a,string,undefined");
        assertThat(b.get().answer()).isEqualTo("b,b,b,string,undefined");
        assertThat(runs.engine.builtInSetsBuilt()).isEqualTo(2);
    }

    /** Holds each run inside Bot.getProp until the other run is there too. */
    private record MeetingHost(CyclicBarrier barrier) implements ScriptHost {

        @Override
        public Optional<PropertyValue> readProperty(Long userId, String name) {
            try {
                barrier.await(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other run never came", e);
            }
            return Optional.empty();
        }

        @Override
        public String webhookUrl(WebhookUrlRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean userExists(long userId) {
            return false;
        }

        @Override
        public Optional<ScriptSource> command(String name) {
            return Optional.empty();
        }
    }
}
