package dev.botwebhooks.script;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.TightLimitsEndToEndTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each adversarial script of issue 4 over HTTP: 503, counted as script_limit, the next run answers. */
class ScriptLimitsEndToEndTest extends TightLimitsEndToEndTest {

    @ParameterizedTest
    @ValueSource(strings = {"while(true){}", "for(;;);", "/(a+)+$/.test('a'.repeat(40) + '!')",
            "function f(){f()} f()", "function f(){ try { f() } catch (e) { f() } } f()",
            "function r(k, v){ JSON.stringify({a: 1}, r); return v } JSON.stringify({a: 1}, r)",
            "var s = 'x'; for (;;) s += s", "'x'.repeat(2**30)", "new Array(1e8).join('x')",
            "var a = [1]; for (;;) a = a.concat(a)", "WebApp.render({content: 'x'.repeat(70000)})"})
    void aScriptBreakingALimitAnswers503AndIsCounted(String code) {
        Bots.TestBot bot = bots.create("limits").command("/bad", code).command("/good", "Bot.sendMessage('fine')");
        double before = rejections("script_limit");

        http.get().uri(bot.localUrl(Map.of("command", "/bad"))).exchange().expectStatus().isEqualTo(503)
                .expectHeader().doesNotExist("Retry-After")
                .expectBody().jsonPath("$.error").value(error -> assertThat(error.toString()).contains("limit"))
                .jsonPath("$.call_id").isNumber();

        assertThat(rejections("script_limit") - before).isEqualTo(1);
        http.get().uri(bot.localUrl(Map.of("command", "/good"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.answer").isEqualTo("fine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.System.exit(0)", "Packages.java.io.File", "'x'.getClass()",
            "new JavaAdapter(Object, {})", "this.constructor.constructor('return java')().lang.System.exit(0)"})
    void javaIsOutOfReachAndTheServiceCarriesOn(String code) {
        Bots.TestBot bot = bots.create("escape").command("/bad", code).command("/good", "Bot.sendMessage('fine')");

        http.get().uri(bot.localUrl(Map.of("command", "/bad"))).exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").value(error -> assertThat(error.toString())
                        .matches("(ReferenceError|TypeError): .*"));
        http.get().uri(bot.localUrl(Map.of("command", "/good"))).exchange().expectStatus().isOk();
    }

    @Test
    void oneBotChangingBuiltInsAndGlobalsLeavesAnotherBotsRunsUntouched() {
        Bots.TestBot vandal = bots.create("vandal").command("/break", """
                try { Object.prototype.polluted = 1 } catch (e) {}
                try { String.prototype.trim = function () { return 'pwned' } } catch (e) {}
                var refused = [];
                try { Object.defineProperty(Object.prototype, 'polluted', {value: 1}) } catch (e) { refused.push(e.name) }
                try { Object.defineProperty(String.prototype, 'trim', {value: function () { return 'pwned' }}) }
                catch (e) { refused.push(e.name) }
                globalThis.leak = 'leaked';
                Bot.sendMessage([({}).polluted, ' a '.trim(), leak, refused].join('|'))""");
        Bots.TestBot victim = bots.create("victim").command("/look",
                "Bot.sendMessage([typeof ({}).polluted, ' a '.trim(), typeof leak].join('|'))");
        URI look = victim.localUrl(Map.of("command", "/look"));

        http.get().uri(vandal.localUrl(Map.of("command", "/break"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.answer").isEqualTo("|a|leaked|TypeError,TypeError");
        http.get().uri(look).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.answer").isEqualTo("undefined|a|undefined");
    }
}
