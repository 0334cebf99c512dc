package dev.botwebhooks.script;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Libs.Webhooks.verifyHmac}: scripts check providers the signature setting does not know. */
class VerifyHmacTest {

    private static final long BOT = 7;
    private static final ScriptLimits LIMITS = new ScriptLimits(Duration.ofSeconds(1), Duration.ofSeconds(3),
            256L << 20, 1000, 5, 4096, 65536, 20);

    private final ScriptEngine engine = new ScriptEngine(LIMITS);
    private final AtomicLong versions = new AtomicLong();

    @Test
    void acceptsGithubsDocumentedExampleAndRefusesATamperedPayload() {
        assertThat(answer("""
                const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
                const check = payload => Libs.Webhooks.verifyHmac({secret: "It's a Secret to Everybody", payload,
                    signature, prefix: 'sha256='})
                Bot.sendMessage([check('Hello, World!'), check('Hello, World?'), typeof check('x')].join())
                """)).isEqualTo("true,false,boolean");
    }

    @Test
    void takesOtherAlgorithmsAndBase64() {
        assertThat(answer("""
                Bot.sendMessage(String(Libs.Webhooks.verifyHmac({secret: 'k3y', payload: 'payload', algorithm: 'sha512',
                    encoding: 'base64',
                    signature: 'JuSf83Z2yw25qDKLDtJMsChhbbZ15zML629Z6xWJDKTf6zK9vvXWciALB0LlhDZNrys3VCgMkuMmfyycxz/+QA=='})))
                """)).isEqualTo("true");
    }

    @Test
    void aMalformedSignatureIsFalseButAWrongCallIsACatchableError() {
        assertThat(answer("""
                const bad = Libs.Webhooks.verifyHmac({secret: 's', payload: 'p', signature: 'zz'})
                let errors = []
                ;[undefined, {secret: 's', payload: 'p'}, {secret: 's', payload: 'p', signature: 'a', algorithm: 'md5'}]
                    .forEach(call => { try { Libs.Webhooks.verifyHmac(call) } catch (e) { errors.push(e.name) } })
                Bot.sendMessage(bad + ' ' + errors.join())
                """)).isEqualTo("false TypeError,TypeError,RangeError");
    }

    private String answer(String code) {
        ScriptRun run = ScriptRunBuilder.globalRun(new ScriptSource(BOT, "/cmd", versions.incrementAndGet(), code)).build();
        ScriptOutcome[] outcome = new ScriptOutcome[1];
        Thread worker = new Thread(null, () -> outcome[0] = engine.run(run, new InMemoryScriptHost(BOT)), "script-test", 1 << 20);
        worker.start();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(outcome[0].failure()).as("failure").isNull();
        return outcome[0].answer();
    }
}
