package dev.botwebhooks.script;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way to change a shared built-in, tried by one run: the next run, on the same locked set, sees the
 * built-ins exactly as before (every object reachable from them, with its prototype, keys and descriptors,
 * and the internal state a descriptor does not show). The trying run either fails with an error or changed
 * only its own global.
 */
class BuiltInIsolationTest {

    /** Walks everything reachable from the shared global and writes it down; objects named by discovery order. */
    private static final String FINGERPRINT = """
            var root = Object.getPrototypeOf(globalThis), ids = new Map([[root, 0]]), queue = [root], out = [];
            function id(v) {
              if (v === null) return 'null';
              var t = typeof v;
              if (t === 'object' || t === 'function') {
                if (!ids.has(v)) { ids.set(v, ids.size); queue.push(v); }
                return '#' + ids.get(v);
              }
              return t + ':' + String(v);
            }
            for (var q = 0; q < queue.length; q++) {
              var o = queue[q];
              out.push('@' + q + ' ' + Object.isExtensible(o) + ' ' + id(Object.getPrototypeOf(o)));
              var keys = Reflect.ownKeys(o);
              for (var i = 0; i < keys.length; i++) {
                var d = Object.getOwnPropertyDescriptor(o, keys[i]);
                if (!d) { out.push(String(keys[i]) + ' listed without a descriptor'); continue; }
                out.push(String(keys[i]) + ' ' + d.writable + d.enumerable + d.configurable + ' '
                  + ('value' in d ? id(o[keys[i]]) : id(d.get) + '/' + id(d.set)));
              }
            }
            var probe = [Date.prototype.getTime(), String(RegExp.$1), String(RegExp.lastMatch), String(RegExp.input),
              RegExp.prototype.source, Array.prototype.length, Array.prototype[0], String(Symbol.keyFor(Symbol.for('probe'))),
              typeof Math.random(), JSON.parse('{"a":1}').a, 'x'.trim(), typeof leaked, typeof polluted, ({}).polluted,
              [1, 2].map(function (n) { return n * 2; }).join(), Object.prototype.toString.call([])];
            Bot.sendMessage(probe.join('|') + '\\n' + out.join('\\n'));
            """;

    private final SandboxRuns runs = new SandboxRuns();
    private String before;

    @BeforeEach
    void fingerprintTheBuiltIns() {
        before = fingerprint();
        assertThat(before.lines().count()).as("objects and properties walked").isGreaterThan(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // assignment and delete (sealed objects refuse them)
            "Object.prototype.polluted = 1", "Object.prototype.toString = function () { return 'p' }",
            "Array.prototype.push = function () {}", "Array.prototype.polluted = 1",
            "String.prototype.capitalize = function () { return 'p' }", "String.prototype.trim = function () { return 'p' }",
            "Number.prototype.toFixed = null", "Boolean.prototype.polluted = 1", "Function.prototype.polluted = 1",
            "Function.prototype.call = null", "Date.prototype.toString = null", "RegExp.prototype.test = null",
            "Error.prototype.message = 'p'", "TypeError.prototype.name = 'p'", "JSON.parse = function () { return 'p' }",
            "Math.random = function () { return 4 }", "Math.PI = 3", "Symbol.iterator = 'p'", "Map.prototype.set = null",
            "Set.prototype.add = null", "WeakMap.prototype.polluted = 1", "Promise.prototype.then = null",
            "Object.keys = null", "Array.isArray = null", "Array.prototype[Symbol.iterator] = null",
            "Symbol.prototype.polluted = 1", "ArrayBuffer.prototype.polluted = 1", "Error.prepareStackTrace = function () { return 'p' }",
            "Error.stackTraceLimit = 0", "Function.prototype.toString = null",
            "delete Object.prototype.toString", "delete Array.prototype.push", "delete JSON.parse",
            "Reflect.deleteProperty(Math, 'max')",
            // the paths around sealing
            "Object.defineProperty(Object.prototype, 'polluted', {value: 1})",
            "Object.defineProperty(Array.prototype, 'push', {value: null})",
            "Object.defineProperties(String.prototype, {polluted: {value: 1}})",
            "Reflect.defineProperty(Object.prototype, 'polluted', {value: 1})",
            "Object.prototype.__defineGetter__('polluted', function () { return 1 })",
            "Object.prototype.__defineSetter__('polluted', function () {})", "Reflect.set(Object.prototype, 'polluted', 1)",
            "Object.assign(Object.prototype, {polluted: 1})", "Object.freeze(Object.prototype)", "Object.seal(Array.prototype)",
            "Object.preventExtensions(String.prototype)", "Reflect.preventExtensions(Function.prototype)",
            "Object.setPrototypeOf(Array.prototype, null)", "Reflect.setPrototypeOf(Function.prototype, {})",
            "Array.prototype.__proto__ = {polluted: 1}", "Object.setPrototypeOf(Object.getPrototypeOf(globalThis), {polluted: 1})",
            "Object.getPrototypeOf(globalThis).__proto__ = {polluted: 1}", "Array.prototype.map.__parent__ = globalThis",
            "Object.__parent__ = {polluted: 1}",
            "Object.getPrototypeOf(globalThis).polluted = 1", "Error.captureStackTrace(Error.prototype)",
            // internal state a descriptor does not show
            "Date.prototype.setTime(5)", "Date.prototype.setFullYear(2000)", "RegExp.prototype.compile('x')",
            "RegExp.prototype.lastIndex = 5", "/(secret)/.exec('secret')", "RegExp.input = 'secret'",
            "Array.prototype.push.call(Array.prototype, 1)", "Array.prototype.length = 5", "Array.prototype[0] = 'p'",
            "Array.prototype.splice.call(Array.prototype, 0, 0, 'p')", "Map.prototype.set.call(Map.prototype, 'k', 'v')",
            "Symbol.for('probe'); Symbol.for('leak')",
            // reaching the shared global or other built-ins some other way
            "Object.prototype.constructor.constructor('polluted = 1; Object.getPrototypeOf(globalThis).x = 1')()",
            "(0, eval)('var leaked = 1')", "new Function('leaked = 1')()", "[].constructor.prototype.polluted = 1",
            "Object.getPrototypeOf([][Symbol.iterator]()).next = null",
            "Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get.polluted = 1",
            "Object.getOwnPropertyDescriptor(Array, Symbol.species).get.polluted = 1",
            "Object.getPrototypeOf(function* () {}).polluted = 1", "Object.getPrototypeOf(Int8Array.prototype).polluted = 1",
            "var Object = null; Array = null; parseInt = null; polluted = 1"})
    void aChangeToABuiltInIsRefusedOrStaysInItsRun(String change) {
        ScriptOutcome changing = runs.run(change + "\nBot.sendMessage('done')", "secret");

        if (!changing.succeeded()) {
            assertThat(changing.failure().kind()).isEqualTo(ScriptFailure.Kind.SCRIPT_ERROR);
            assertThat(changing.failure().publicMessage()).matches("(TypeError|Error|InternalError): .*");
        }
        assertThat(firstDifference(fingerprint(), before)).as("first line that differs").isEmpty();
        assertThat(runs.engine.builtInSetsBuilt()).as("every run had the same set").isEqualTo(1);
    }

    /** The first differing line, with its neighbours, or nothing: a whole fingerprint is too long to read. */
    private static String firstDifference(String after, String before) {
        List<String> now = after.lines().toList();
        List<String> was = before.lines().toList();
        for (int i = 0; i < Math.max(now.size(), was.size()); i++) {
            String line = i < now.size() ? now.get(i) : "(none)";
            if (i >= was.size() || !line.equals(was.get(i))) {
                return "line " + i + ": " + line + " (was " + (i < was.size() ? was.get(i) : "(none)") + ") after "
                        + now.subList(Math.max(0, i - 3), Math.min(i, now.size()));
            }
        }
        return "";
    }

    private String fingerprint() {
        ScriptOutcome outcome = runs.run(FINGERPRINT, "probe");
        assertThat(outcome.failure()).as("fingerprint run").isNull();
        return outcome.answer();
    }
}
