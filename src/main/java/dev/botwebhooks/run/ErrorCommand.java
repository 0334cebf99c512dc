package dev.botwebhooks.run;

import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.command.SpecialCommands;
import dev.botwebhooks.job.JobRepository;
import dev.botwebhooks.script.ScriptFailure;
import dev.botwebhooks.script.ScriptOutcome;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * BB's error command, {@code !}: when a user's command fails, the bot's {@code !} command runs for that user (BB's
 * way to tell the user, in BJS), here as a job committed with the failed run's call record, with {@code options}
 * {@code {error, command, message}}. Looked up only when a run failed; a failing {@code !} runs no other.
 */
@Component
class ErrorCommand {

    private final CommandDirectory commands;
    private final JobRepository jobs;

    ErrorCommand(CommandDirectory commands, JobRepository jobs) {
        this.commands = commands;
        this.jobs = jobs;
    }

    /** The hook to commit the run with: {@code hook}, and after it the {@code !} job when the run failed and one is due. */
    Mono<CommitHook> around(RunRequest request, String commandName, ScriptOutcome outcome, CommitHook hook) {
        ScriptFailure failure = outcome.failure();
        if (failure == null || failure.kind() == ScriptFailure.Kind.INFRASTRUCTURE || request.userId() == null
                || SpecialCommands.ERROR.equals(commandName)) {
            return Mono.just(hook);
        }
        long botId = request.bot().id();
        return commands.find(botId, SpecialCommands.ERROR).map(found -> found.isEmpty() ? hook : result -> {
            ObjectNode options = JsonNodeFactory.instance.objectNode().put("error", failure.publicMessage())
                    .put("command", commandName).put("message", request.commandLine());
            return hook.inTransaction(result)
                    .then(jobs.insertCallback(botId, result.callId(), SpecialCommands.ERROR, request.userId(), options, null));
        });
    }
}
