package dev.botwebhooks.script;



import dev.botwebhooks.job.JobCancellation;
import dev.botwebhooks.job.JobRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Bot.run, Bot.clearRunAfter and Bot.runCommand in the sandbox: what they buffer and what they refuse. */
class BotRunApiTest {

    private static final long BOT = 7;
    private static final long USER = ScriptRunBuilder.USER;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ScriptLimits LIMITS = new ScriptLimits(Duration.ofSeconds(1), Duration.ofSeconds(3),
            32L << 20, 1000, 5, 4096, 65536, 20);

    private final ScriptEngine engine = new ScriptEngine(LIMITS);
    private final InMemoryScriptHost host = new InMemoryScriptHost(BOT);
    private final AtomicLong versions = new AtomicLong();

    @Test
    void botRunBuffersAJobWithItsOptionsDelayUserAndLabel() {
        command("/userCommand", "");
        host.users.add(5L);

        ScriptOutcome outcome = run("""
                Bot.run({command: "/userCommand", user_id: JSON.parse(content).user_id,
                         options: {order: 7}, run_after: 1.5, label: "pay"})""", "{\"user_id\": 5}");

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.effects().jobs()).containsExactly(new JobRequest("/userCommand",
                JSON.readTree("{\"order\":7}"), 5L, "pay", Duration.ofMillis(1500)));
    }

    @Test
    void botRunDefaultsToTheCurrentUserAtOnceWithoutOptions() {
        command("/later", "");

        ScriptOutcome outcome = run("Bot.run({command: '/later 42'})", null);

        assertThat(outcome.effects().jobs())
                .containsExactly(new JobRequest("/later 42", null, USER, null, Duration.ZERO));
    }

    @Test
    void botRunRejectsAnUnknownUserAMissingCommandAndABadDelay() {
        command("/later", "");

        assertThat(error("Bot.run({command: '/later', user_id: 999})")).isEqualTo("Error: Bot.run: unknown user 999");
        assertThat(error("Bot.run({command: '/nope'})")).isEqualTo("Error: Bot.run: unknown command /nope");
        assertThat(error("Bot.run({options: {}})")).startsWith("TypeError: Bot.run: command is required");
        assertThat(error("Bot.run({command: '/later', run_after: -1})")).startsWith("RangeError: Bot.run: run_after");
        assertThat(error("Bot.run('/later')")).startsWith("TypeError: Bot.run expects an object");
    }

    @Test
    void aFailedRunSchedulesNothing() {
        command("/later", "");

        ScriptOutcome outcome = run("Bot.run({command: '/later'}); throw new Error('no')", null);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.effects().jobs()).isEmpty();
    }

    @Test
    void clearRunAfterDropsBufferedJobsOfItsLabelAndIsCommittedToo() {
        command("/later", "");

        ScriptOutcome outcome = run("""
                Bot.run({command: '/later', label: 'a'}); Bot.run({command: '/later', label: 'b'})
                Bot.clearRunAfter({label: 'a'})
                Bot.run({command: '/later', label: 'a', run_after: 2})""", null);

        assertThat(outcome.effects().jobs()).extracting(JobRequest::label).containsExactly("b", "a");
        assertThat(outcome.effects().cancellations()).containsExactly(new JobCancellation("a"));
        assertThat(run("Bot.run({command: '/later', label: 'x'}); Bot.clearRunAfter()", null).effects())
                .satisfies(effects -> {
                    assertThat(effects.jobs()).isEmpty();
                    assertThat(effects.cancellations()).containsExactly(new JobCancellation(null));
                });
    }

    @Test
    void runCommandRunsInlineWithItsOwnOptionsAndSharesEffectsAndAnswer() {
        command("/helper", """
                User.setProp('seen', options.n, 'integer')
                Bot.sendMessage('helper ' + options.n + ' ' + params + ' for ' + user.first_name)""");

        ScriptOutcome outcome = run("""
                Bot.sendMessage('before')
                Bot.runCommand('/helper x y', {n: 3})
                if (options.method !== 'POST') throw new Error('the caller keeps its own options')""", null);

        assertThat(outcome.succeeded()).as("%s", outcome.failure()).isTrue();
        assertThat(outcome.answer()).isEqualTo("helper 3 x y for Ann");
        assertThat(outcome.effects().messages()).hasSize(2);
        assertThat(outcome.effects().propertyChanges()).hasSize(1);
    }

    @Test
    void runCommandNestingIsCapped() {
        command("/again", "Bot.runCommand('/again')");

        assertThat(error("Bot.runCommand('/again')")).startsWith("Error: too many sub commands");
    }

    @Test
    void runCommandOfACommandThatDoesNotCompileSaysSo() {
        command("/broken", "let = ;");

        assertThat(error("Bot.runCommand('/broken')")).startsWith("Error: Bot.runCommand /broken: SyntaxError");
        assertThat(error("Bot.runCommand('/none')")).isEqualTo("Error: Bot.runCommand: unknown command /none");
    }

    @Test
    void storageDownDuringBotRunIsAnInfrastructureFailure() {
        command("/later", "");
        host.storageDown = true;

        ScriptOutcome outcome = run("Bot.run({command: '/later'})", null);

        assertThat(outcome.failure().kind()).isEqualTo(ScriptFailure.Kind.INFRASTRUCTURE);
    }

    // ---- helpers

    private void command(String name, String code) {
        host.commands.put(name, new ScriptSource(BOT, name, versions.incrementAndGet(), code));
    }

    private String error(String code) {
        ScriptOutcome outcome = run(code, null);
        assertThat(outcome.succeeded()).as("run of %s failed", code).isFalse();
        return outcome.failure().publicMessage();
    }

    private ScriptOutcome run(String code, String content) {
        ScriptRun run = ScriptRunBuilder.userRun(new ScriptSource(BOT, "/cmd", versions.incrementAndGet(), code))
                .content(content).options("{\"method\":\"POST\"}").build();
        AtomicReference<ScriptOutcome> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> outcome.set(engine.run(run, host)), "script-worker-test", 1 << 20);
        thread.start();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return outcome.get();
    }
}
