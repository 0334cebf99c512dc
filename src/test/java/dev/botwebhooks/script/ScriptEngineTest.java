package dev.botwebhooks.script;

import dev.botwebhooks.message.OutgoingMessage;
import dev.botwebhooks.property.PropertyChange;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyType;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.url.WebhookUrlRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptEngineTest {

    private static final long BOT = 7;
    private static final long USER = ScriptRunBuilder.USER;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ScriptLimits LIMITS = new ScriptLimits(Duration.ofSeconds(1), Duration.ofSeconds(3),
            32L << 20, 1000, 5, 4096, 65536, 20);

    private final ScriptEngine engine = new ScriptEngine(LIMITS);
    private final InMemoryScriptHost host = new InMemoryScriptHost(BOT);
    private final AtomicLong versions = new AtomicLong();

    // ---- what a command sees

    @Test
    void commandSeesContentOptionsParamsMessageUserChatAndBot() {
        ScriptOutcome outcome = run("""
                Bot.sendMessage([content, options.method, options.params.a, params, message,
                    user.first_name, chat.chatid, bot.id, bot.name, JSON.stringify(request)].join('|'))""");

        assertThat(outcome.answer()).isEqualTo("{\"a\":1}|POST|1|42|/cmd 42|Ann|555|7|TestBot|{}");
    }

    @Test
    void globalRunSeesNullUserChatAndContent() {
        ScriptOutcome outcome = run(globalRun(source("Bot.sendMessage(inspect([user, chat, content, options]))")));

        assertThat(outcome.answer()).isEqualTo("[\n  null,\n  null,\n  null,\n  null\n]");
    }

    @Test
    void topLevelReturnEndsTheCommand() {
        ScriptOutcome outcome = run("Bot.sendMessage('first')\nif (options) return\nBot.sendMessage('second')");

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.answer()).isEqualTo("first");
    }

    @Test
    void runsEs6LetConstArrowFunctionsAndTemplateLiterals() {
        ScriptOutcome outcome = run("""
                const double = x => x * 2;
                let total = [1, 2, 3].map(double).reduce((a, b) => a + b, 0);
                Bot.sendMessage(`total ${total}, ${JSON.stringify({max: Math.max(1, 2)})}`);""");

        assertThat(outcome.answer()).isEqualTo("total 12, {\"max\":2}");
    }

    // ---- messages

    @Test
    void sendMessageTakesTextAndOptionsOrOneObjectAndTheLastMessageIsTheAnswer() {
        ScriptOutcome outcome = run("""
                Bot.sendMessage('plain')
                Bot.sendMessage(42, {parse_mode: 'HTML'})
                Bot.sendMessage({text: 'last', disable_web_page_preview: true})""");

        assertThat(outcome.answer()).isEqualTo("last");
        assertThat(outcome.effects().messages()).containsExactly(
                new OutgoingMessage(USER, "555", "plain", json("{\"parse_mode\":\"Markdown\"}")),
                new OutgoingMessage(USER, "555", "42", json("{\"parse_mode\":\"HTML\"}")),
                new OutgoingMessage(USER, "555", "last",
                        json("{\"disable_web_page_preview\":true,\"parse_mode\":\"Markdown\"}")));
    }

    @Test
    void sendMessageWithoutAChatOnlySetsTheAnswer() {
        ScriptOutcome outcome = run(globalRun(source("Bot.sendMessage('one'); Bot.sendMessage('ok')")));

        assertThat(outcome.answer()).isEqualTo("ok");
        assertThat(outcome.effects().messages()).isEmpty();
    }

    @Test
    void tooManyOrTooLongMessagesFailTheRunWithOutputLimit() {
        ScriptOutcome tooMany = run("for (var i = 0; i < 6; i++) { try { Bot.sendMessage('m' + i) } catch (e) {} }");
        ScriptOutcome tooLong = run("Bot.sendMessage('x'.repeat(4097))");

        assertFailed(tooMany, ScriptFailure.Kind.OUTPUT_LIMIT, "message limit exceeded: at most 5 messages per run");
        assertFailed(tooLong, ScriptFailure.Kind.OUTPUT_LIMIT, "message is 4097 characters, the limit is 4096");
    }

    @Test
    void argumentsAreCoercedAsJavaScriptOnBbDoesNotRefused() {
        assertThat(run("Bot.sendMessage(undefined)").answer()).isEqualTo("undefined");
        assertThat(run("Bot.sendMessage(42)").answer()).isEqualTo("42");
        assertThat(run("Bot.setProperty(7, 'seven'); Bot.sendMessage(Bot.getProperty(7) + Bot.getProperty('7'))")
                .answer()).isEqualTo("sevenseven");
        ScriptOutcome nothing = run("Bot.setProperty('n', undefined, 'integer')");
        assertThat(nothing.effects().propertyChanges()).containsExactly(put(null, "n", PropertyType.INTEGER, "null"));
    }

    // ---- properties

    @Test
    void setPropStoresEveryTypeAndGetPropReadsItBack() {
        ScriptOutcome outcome = run("""
                Bot.setProp('i', 42, 'integer'); Bot.setProp('f', 1.5, 'float'); Bot.setProp('s', 'hi', 'string');
                Bot.setProp('t', 'long text', 'text'); Bot.setProp('j', {a: [1, 2]}, 'json');
                Bot.setProp('d', new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), 'datetime'); Bot.setProp('b', true, 'boolean');
                const d = Bot.getProp('d');
                Bot.sendMessage([Bot.getProp('i') + 1, Bot.getProp('f'), Bot.getProp('s'), Bot.getProp('t'),
                    Bot.getProp('j').a[1], d instanceof Date, d.toISOString(), Bot.getProp('b') === true].join('|'))""");

        assertThat(outcome.answer()).isEqualTo("43|1.5|hi|long text|2|true|2024-01-02T03:04:05.000Z|true");
        assertThat(outcome.effects().propertyChanges()).containsExactly(
                put(null, "i", PropertyType.INTEGER, "42"), put(null, "f", PropertyType.FLOAT, "1.5"),
                put(null, "s", PropertyType.STRING, "\"hi\""), put(null, "t", PropertyType.TEXT, "\"long text\""),
                put(null, "j", PropertyType.JSON, "{\"a\":[1,2]}"),
                put(null, "d", PropertyType.DATETIME, "\"2024-01-02T03:04:05Z\""),
                put(null, "b", PropertyType.BOOLEAN, "true"));
    }

    @Test
    void setPropInfersTheTypeFromTheValue() {
        ScriptOutcome outcome = run("""
                Bot.setProp('i', 3); Bot.setProp('f', 0.25); Bot.setProp('s', 'x'); Bot.setProp('b', false);
                Bot.setProperty('d', new Date(0)); Bot.setProp({name: 'o', value: {k: 'v'}}); Bot.setProp('a', [1]);""");

        assertThat(outcome.effects().propertyChanges()).extracting(c -> ((PropertyChange.Put) c).value().type())
                .containsExactly(PropertyType.INTEGER, PropertyType.FLOAT, PropertyType.STRING, PropertyType.BOOLEAN,
                        PropertyType.DATETIME, PropertyType.JSON, PropertyType.JSON);
    }

    @Test
    void setPropRejectsAValueOfTheWrongTypeOrAnUnknownType() {
        assertFailed(run("Bot.setProp('x', 1.5, 'integer')"), ScriptFailure.Kind.SCRIPT_ERROR,
                "TypeError: property 'x': 1.5 is not an integer");
        assertFailed(run("Bot.setProp('x', 'yes', 'boolean')"), ScriptFailure.Kind.SCRIPT_ERROR,
                "TypeError: property 'x': \"yes\" is not a boolean");
        assertFailed(run("Bot.setProp('x', 1, 'money')"), ScriptFailure.Kind.SCRIPT_ERROR,
                "TypeError: property 'x': unknown type \"money\" (types: integer, float, string, text, json, datetime, boolean)");
        assertFailed(run("Bot.setProp('x', 'y'.repeat(4097), 'string')"), ScriptFailure.Kind.SCRIPT_ERROR,
                "TypeError: property 'x': a string is at most 4096 characters, this one has 4097; use type 'text'");
        assertFailed(run("Bot.setProp('', 1)"), ScriptFailure.Kind.SCRIPT_ERROR,
                "TypeError: Bot.setProp: the property name must be a non-empty string, not \"\"");
    }

    @Test
    void setPropStoresWhatJavaScriptConvertsWithoutLossAsBbDoes() {
        ScriptOutcome outcome = run("""
                Bot.setProp('t', 4242, 'text'); Bot.setProp('s', true, 'string');
                Bot.setProp('i', '0.00000000', 'integer'); Bot.setProp('f', '1.25', 'float');""");

        assertThat(outcome.effects().propertyChanges()).extracting(c -> ((PropertyChange.Put) c).value().value().toString())
                .containsExactly("\"4242\"", "\"true\"", "0", "1.25");
        assertFailed(run("Bot.setProp('x', '1.5', 'integer')"), ScriptFailure.Kind.SCRIPT_ERROR,
                "TypeError: property 'x': \"1.5\" is not an integer");
        assertFailed(run("Bot.setProp('x', {a: 1}, 'string')"), ScriptFailure.Kind.SCRIPT_ERROR,
                "TypeError: property 'x': an object is not a string");
    }

    @Test
    void aTypeErrorCanBeCaughtByTheScript() {
        ScriptOutcome outcome = run("try { Bot.setProp('x', 'a', 'integer') } catch (e) { Bot.sendMessage(e.message) }");

        assertThat(outcome.answer()).isEqualTo("property 'x': \"a\" is not an integer");
    }

    @Test
    void aValueOverThePropertySizeCapFailsTheRun() {
        ScriptOutcome fits = run("Bot.setProp('x', 'y'.repeat(65534), 'text')");
        ScriptOutcome tooLarge = run("try { Bot.setProp('x', 'y'.repeat(65535), 'text') } catch (e) {}");

        assertThat(fits.failure()).isNull();
        assertFailed(tooLarge, ScriptFailure.Kind.OUTPUT_LIMIT, "property 'x' is 65537 bytes, the limit is 65536");
    }

    @Test
    void getPropSeesTheRunsOwnWritesBeforeCommittedValues() {
        host.properties.put(new PropertyKey(BOT, null, "n"), value(PropertyType.INTEGER, "1"));
        host.properties.put(new PropertyKey(BOT, null, "gone"), value(PropertyType.STRING, "\"old\""));

        ScriptOutcome outcome = run("""
                const before = Bot.getProp('n');
                Bot.setProp('n', before + 1);
                Bot.deleteProp('gone');
                Bot.sendMessage([before, Bot.getProp('n'), Bot.getProp('gone', 'default'), typeof Bot.getProp('none'),
                    Bot.getProperty({name: 'none', value: 'dflt'})].join('|'))""");

        assertThat(outcome.answer()).isEqualTo("1|2|default|undefined|dflt");
        assertThat(outcome.effects().propertyChanges()).containsExactly(
                put(null, "n", PropertyType.INTEGER, "2"), new PropertyChange.Delete(new PropertyKey(BOT, null, "gone")));
    }

    @Test
    void getPropTurnsStoredJsonAndDatetimeIntoScriptValues() {
        host.properties.put(new PropertyKey(BOT, USER, "cart"), value(PropertyType.JSON, "{\"items\":[\"a\",\"b\"]}"));
        host.properties.put(new PropertyKey(BOT, USER, "seen"), value(PropertyType.DATETIME, "\"2024-05-06T07:08:09Z\""));

        ScriptOutcome outcome = run("Bot.sendMessage(User.getProp('cart').items.length + ' ' + User.getProp('seen').getTime())");

        assertThat(outcome.answer()).isEqualTo("2 1714979289000");
    }

    @Test
    void userPropsBelongToTheCurrentUserAndBotPropsMayNameAUser() {
        ScriptOutcome outcome = run("""
                User.setProp('lang', 'en'); Bot.setProp({name: 'score', value: 5, user_id: 200}); User.deleteProp('old')""");

        assertThat(outcome.effects().propertyChanges()).containsExactly(
                put(USER, "lang", PropertyType.STRING, "\"en\""), put(200L, "score", PropertyType.INTEGER, "5"),
                new PropertyChange.Delete(new PropertyKey(BOT, USER, "old")));
    }

    @Test
    void userPropsFailOnAGlobalRun() {
        assertFailed(run(globalRun(source("User.getProp('lang')"))), ScriptFailure.Kind.SCRIPT_ERROR,
                "Error: no current user: User.* needs a user webhook");
    }

    @Test
    void tooManyPropertyWritesFailTheRun() {
        assertFailed(run("for (let i = 0; i < 21; i++) Bot.setProp('p' + i, i)"), ScriptFailure.Kind.OUTPUT_LIMIT,
                "property write limit exceeded: at most 20 writes per run");
    }

    @Test
    void anUnreachablePropertyStoreFailsTheRunAsInfrastructure() {
        host.storageDown = true;

        ScriptOutcome outcome = run("try { Bot.getProp('x') } catch (e) { Bot.sendMessage('swallowed') }");

        assertFailed(outcome, ScriptFailure.Kind.INFRASTRUCTURE, "property storage is unavailable");
    }

    @Test
    void aFailedRunReturnsNoEffects() {
        ScriptOutcome outcome = run("Bot.setProp('x', 1); Bot.sendMessage('hi'); throw new Error('Error on webhook')");

        assertFailed(outcome, ScriptFailure.Kind.SCRIPT_ERROR, "Error: Error on webhook");
        assertThat(outcome.effects()).isEqualTo(Effects.NONE);
        assertThat(outcome.answer()).isNull();
    }

    // ---- Libs.Webhooks, WebApp, inspect

    @Test
    void getUrlForAndGetGlobalUrlAskTheHostForTheRightUrl() {
        ScriptOutcome outcome = run("""
                const a = Libs.Webhooks.getUrlFor({command: '/onPay', content: {order: 1}, redirect_to: 'https://x.example'});
                Libs.Webhooks.getUrlFor({command: '/other', user_id: 300, expires_in: 60});
                Libs.Webhooks.getGlobalUrl({command: '/global', content: 'raw'});
                Bot.sendMessage(a)""");

        assertThat(outcome.answer()).isEqualTo("https://hooks.example/v1/bots/7/new-webhook?command=/onPay");
        assertThat(host.urlRequests).containsExactly(
                new WebhookUrlRequest("/onPay", "{\"order\":1}", USER, "https://x.example", null),
                new WebhookUrlRequest("/other", null, 300L, null, 60L),
                new WebhookUrlRequest("/global", "raw", null, null, null));
    }

    @Test
    void aRefusedWebhookUrlIsAScriptErrorWithTheHostsMessage() {
        assertFailed(run("Libs.Webhooks.getUrlFor({command: '/missing'})"), ScriptFailure.Kind.SCRIPT_ERROR,
                "Error: no command /missing in this bot");
        assertFailed(run("Libs.Webhooks.getGlobalUrl({content: 'x'})"), ScriptFailure.Kind.SCRIPT_ERROR,
                "TypeError: Libs.Webhooks.getGlobalUrl: command is required");
    }

    @Test
    void webAppRenderChoosesTheResponse() {
        ScriptOutcome text = run("WebApp.render({content: 'ok', mime_type: 'text/plain', status: 202, headers: {'X-Id': 5}})");
        ScriptOutcome object = run("WebApp.render({content: {ok: true}})");

        assertThat(text.customResponse()).isEqualTo(new CustomResponse(202, "text/plain", Map.of("X-Id", "5"), "ok"));
        assertThat(object.customResponse())
                .isEqualTo(new CustomResponse(200, "text/html; charset=utf-8", Map.of(), "{\"ok\":true}"));
    }

    @Test
    void webAppRenderRejectsBadStatusesAndServerHeaders() {
        assertFailed(run("WebApp.render({content: 'x', status: 99})"), ScriptFailure.Kind.SCRIPT_ERROR,
                "RangeError: WebApp.render: status must be a whole number from 100 to 599, not 99");
        assertFailed(run("WebApp.render({content: 'x', headers: {'Content-Length': '1'}})"),
                ScriptFailure.Kind.SCRIPT_ERROR, "TypeError: WebApp.render: the Content-Length header is set by the server");
        assertFailed(run("WebApp.render({content: 'x', headers: {'Bad Name': '1'}})"),
                ScriptFailure.Kind.SCRIPT_ERROR, "TypeError: WebApp.render: \"Bad Name\" is not a valid header name");
        assertFailed(run("WebApp.render({content: 'x', headers: {'X-A': 'a\\r\\nSet-Cookie: b'}})"),
                ScriptFailure.Kind.SCRIPT_ERROR,
                "TypeError: WebApp.render: the value of header X-A must be at most 8192 characters without line breaks");
        assertFailed(run("WebApp.render({template: 'index.html', data: {}})"), ScriptFailure.Kind.SCRIPT_ERROR,
                "Error: WebApp.render: no template command index.html");
    }

    @Test
    void inspectShowsObjectsFunctionsUndefinedAndCycles() {
        ScriptOutcome outcome = run("""
                const o = {n: 1, s: 'a', f: function go() {}, u: undefined, list: [true, null]};
                o.self = o;
                Bot.sendMessage(Bot.inspect(o) + '|' + inspect(undefined) + '|' + inspect(new Error('boom')))""");

        assertThat(outcome.answer()).isEqualTo("""
                {
                  "n": 1,
                  "s": "a",
                  "f": [Function: go],
                  "u": undefined,
                  "list": [
                    true,
                    null
                  ],
                  "self": [Circular]
                }|undefined|Error: boom""");
    }

    // ---- errors

    @Test
    void aThrownErrorFailsTheRunWithItsNameAndMessageAndTheOwnerGetsTheLine() {
        ScriptOutcome outcome = run("let a = 1;\nthrow new Error('Error on webhook')");

        assertFailed(outcome, ScriptFailure.Kind.SCRIPT_ERROR, "Error: Error on webhook");
        assertThat(outcome.failure().detail()).contains("/cmd:2");
    }

    @Test
    void aSyntaxErrorIsAScriptErrorWithTheLine() {
        ScriptOutcome outcome = run("let a = 1;\nlet = = 2;");

        assertThat(outcome.failure().kind()).isEqualTo(ScriptFailure.Kind.SCRIPT_ERROR);
        assertThat(outcome.failure().publicMessage()).startsWith("SyntaxError: ").endsWith("(line 2)");
    }

    // ---- limits

    @ParameterizedTest
    @ValueSource(strings = {"while(true){}", "for(;;);", "while(true){try{for(;;){}}catch(e){}}",
            "try{for(;;){}}finally{for(;;){}}"})
    void anInfiniteLoopHitsTheCpuLimitAndTheEngineCarriesOn(String code) {
        ScriptOutcome looping = runWithLongWallTime(code);
        ScriptOutcome next = runWithLongWallTime("Bot.sendMessage('still here')");

        assertFailed(looping, ScriptFailure.Kind.CPU_TIME_LIMIT, "CPU time limit exceeded");
        assertThat(looping.cpuTime()).isLessThan(Duration.ofMillis(800));
        assertThat(next.answer()).isEqualTo("still here");
    }

    @Test
    void aRunBlockedOnTheHostHitsTheWallTimeLimit() {
        ScriptEngine shortWall = new ScriptEngine(new ScriptLimits(Duration.ofSeconds(1), Duration.ofMillis(200),
                32L << 20, 1000, 5, 4096, 65536, 20));
        host.readDelay = Duration.ofMillis(20);

        ScriptOutcome outcome = onWorker(() -> shortWall.run(userRun(source("while (true) Bot.getProp('slow')")), host));

        assertFailed(outcome, ScriptFailure.Kind.WALL_TIME_LIMIT, "wall time limit exceeded");
    }

    @Test
    void unboundedRecursionHitsTheStackLimit() {
        assertFailed(run("function f(){ f() } f()"), ScriptFailure.Kind.STACK_LIMIT, "stack depth limit exceeded");
        assertFailed(run("function g(){ return [1].map(g) } g()"), ScriptFailure.Kind.STACK_LIMIT,
                "stack depth limit exceeded");
        assertThat(run("Bot.sendMessage('fine')").answer()).isEqualTo("fine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"var s = 'x'; while (true) s += s;",
            "var a = []; while (true) a.push(new Array(1000).join('x') + a.length);"})
    void runawayAllocationHitsALimitAndTheJvmCarriesOn(String code) {
        ScriptOutcome outcome = runWithLongWallTime(code);

        assertThat(outcome.failure()).isNotNull();
        assertThat(outcome.failure().kind()).isIn(ScriptFailure.Kind.MEMORY_LIMIT, ScriptFailure.Kind.CPU_TIME_LIMIT,
                ScriptFailure.Kind.SCRIPT_ERROR);
        assertThat(run("Bot.sendMessage('fine')").answer()).isEqualTo("fine");
    }

    /**
     * With a wall time far above the CPU time, so that a machine busy with other work (a CI runner, parallel
     * builds) still hits the CPU or memory limit first.
     */
    private ScriptOutcome runWithLongWallTime(String code) {
        ScriptEngine longWall = new ScriptEngine(new ScriptLimits(Duration.ofMillis(300), Duration.ofSeconds(60),
                32L << 20, 1000, 5, 4096, 65536, 20));
        return onWorker(() -> longWall.run(userRun(source(code)), host));
    }

    @Test
    void arrayGrowthHitsTheMemoryLimit() {
        ScriptOutcome outcome = run("var a = []; while (true) a.push(new Array(1000).join('x') + a.length);");

        assertFailed(outcome, ScriptFailure.Kind.MEMORY_LIMIT, "memory limit exceeded");
    }

    @Test
    void aSingleHugeAllocationAtTheEndOfARunStillFailsIt() {
        assertFailed(run("Bot.sendMessage(String('x'.repeat(80 * 1024 * 1024).length))"), ScriptFailure.Kind.MEMORY_LIMIT,
                "memory limit exceeded");
    }

    // ---- isolation

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.System.exit(0)", "Packages.java.io.File", "'x'.getClass()",
            "new JavaAdapter(Object, {})", "this.constructor.constructor('return java')().lang.System.exit(0)",
            "importPackage(java.io)", "Object.getPrototypeOf(Bot.sendMessage).constructor('return Packages')()"})
    void javaIsOutOfReach(String code) {
        ScriptOutcome outcome = run(code);

        assertThat(outcome.failure().kind()).isEqualTo(ScriptFailure.Kind.SCRIPT_ERROR);
        assertThat(outcome.failure().publicMessage()).matches("(ReferenceError|TypeError): .*");
        assertThat(run("Bot.sendMessage('alive')").answer()).isEqualTo("alive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Object.prototype.x = 1", "String.prototype.trim = () => 'pwned'",
            "Array.prototype.push = null", "JSON.parse = null", "Math.x = 1", "delete Math.max"})
    void assigningToABuiltInFailsTheRun(String code) {
        ScriptOutcome outcome = run(code);

        assertThat(outcome.failure().kind()).isEqualTo(ScriptFailure.Kind.SCRIPT_ERROR);
        assertThat(outcome.failure().publicMessage()).startsWith("Error: Cannot ").contains("sealed object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Object.prototype.x = 1", "String.prototype.trim = () => 'pwned'",
            "Array.prototype.push = null", "JSON.parse = null", "Math.x = 1", "delete Math.max",
            "Object.defineProperty(Object.prototype, 'x', {value: 1})", "Object.freeze(Object.prototype)",
            "Object.defineProperty(String.prototype, 'trim', {value: () => 'pwned'})", "Date.prototype.setTime(5)",
            "this.constructor.constructor('x = 1')()", "Object.setPrototypeOf(Array.prototype, null)"})
    void changesToBuiltInsAreInvisibleToTheNextRun(String code) {
        run(code);

        assertThat(run("""
                const o = {}; o.toString = () => 'own';
                Bot.sendMessage([({}).x, ' a '.trim(), typeof Array.prototype.push, typeof JSON.parse, Math.x,
                    typeof Math.max, typeof x, Object.isFrozen(Object.prototype), Date.prototype.getTime(),
                    String(o), typeof [].hasOwnProperty].join('|'))""").answer())
                .isEqualTo("|a|function|function||function|undefined|false|NaN|own|function");
    }

    @Test
    void globalsOfOneRunAreInvisibleToTheNext() {
        ScriptOutcome first = run("globalThis.leak = 1; this.other = 2; implicit = 3; Bot.token = 'x'");
        ScriptOutcome second = run("Bot.sendMessage([typeof leak, typeof other, typeof implicit, typeof Bot.token].join())");

        assertThat(first.succeeded()).isTrue();
        assertThat(second.answer()).isEqualTo("undefined,undefined,undefined,undefined");
    }

    @Test
    void compiledScriptsAreCachedPerVersion() {
        ScriptSource v1 = new ScriptSource(BOT, "/cached", 1, "Bot.sendMessage('v1')");
        ScriptSource v1Again = new ScriptSource(BOT, "/cached", 1, "Bot.sendMessage('v1')");
        ScriptSource v2 = new ScriptSource(BOT, "/cached", 2, "Bot.sendMessage('v2')");

        assertThat(run(userRun(v1)).answer()).isEqualTo("v1");
        assertThat(run(userRun(v1Again)).answer()).isEqualTo("v1");
        assertThat(engine.compilations()).isEqualTo(1);
        assertThat(run(userRun(v2)).answer()).isEqualTo("v2");
        assertThat(engine.compilations()).isEqualTo(2);
    }

    @Test
    void runsOnSeveralThreadsAtOnceStayApart() throws Exception {
        ScriptSource counting = source("""
                let n = 0; for (let i = 0; i < 20000; i++) n += i % 7;
                User.setProp('n', n); Bot.sendMessage(String(user.first_name) + n)""");
        AtomicReference<ScriptOutcome> other = new AtomicReference<>();
        Thread parallel = worker(() -> other.set(engine.run(globalRun(counting), host)));
        parallel.start();

        ScriptOutcome mine = run(userRun(counting));
        parallel.join(10_000);

        assertThat(mine.answer()).isEqualTo("Ann59997");
        assertFailed(other.get(), ScriptFailure.Kind.SCRIPT_ERROR, "Error: no current user: User.* needs a user webhook");
    }

    // ---- helpers

    private ScriptOutcome run(String code) {
        return run(userRun(source(code)));
    }

    private ScriptOutcome run(ScriptRun run) {
        return onWorker(() -> engine.run(run, host));
    }

    private ScriptSource source(String code) {
        return new ScriptSource(BOT, "/cmd", versions.incrementAndGet(), code);
    }

    private static ScriptRun userRun(ScriptSource source) {
        return ScriptRunBuilder.userRun(source).commandLine("/cmd 42").content("{\"a\":1}")
                .options("{\"url\":\"/v1/bots/7/new-webhook\",\"method\":\"POST\",\"params\":{\"a\":1},\"headers\":{},\"ip\":\"10.0.0.1\"}")
                .build();
    }

    private static ScriptRun globalRun(ScriptSource source) {
        return ScriptRunBuilder.globalRun(source).build();
    }

    /** Runs like production: on a worker thread with a fixed 1 MiB stack. */
    private static ScriptOutcome onWorker(java.util.function.Supplier<ScriptOutcome> work) {
        AtomicReference<ScriptOutcome> outcome = new AtomicReference<>();
        Thread thread = worker(() -> outcome.set(work.get()));
        thread.start();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as("run finished").isFalse();
        return outcome.get();
    }

    private static Thread worker(Runnable work) {
        return new Thread(null, work, "script-test", 1 << 20);
    }

    private static void assertFailed(ScriptOutcome outcome, ScriptFailure.Kind kind, String publicMessage) {
        assertThat(outcome.failure()).as("failure of %s", outcome).isNotNull();
        assertThat(outcome.failure().kind()).as(outcome.failure().toString()).isEqualTo(kind);
        assertThat(outcome.failure().publicMessage()).isEqualTo(publicMessage);
        assertThat(outcome.effects()).isEqualTo(Effects.NONE);
    }

    private static PropertyChange put(Long user, String name, PropertyType type, String json) {
        return new PropertyChange.Put(new PropertyKey(BOT, user, name), value(type, json));
    }

    private static PropertyValue value(PropertyType type, String json) {
        return new PropertyValue(type, json(json));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
