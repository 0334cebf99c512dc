package dev.botwebhooks.run;

import dev.botwebhooks.archive.BotLibraries;
import dev.botwebhooks.broadcast.RunAllTaskRepository;
import dev.botwebhooks.call.CallOrigin;
import dev.botwebhooks.command.Command;
import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.command.CommandRepository;
import dev.botwebhooks.list.ListRepository;
import dev.botwebhooks.pipeline.ScriptWorkers;
import dev.botwebhooks.property.PropertyRead;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.script.CommandAnswer;
import dev.botwebhooks.script.ScriptEngine;
import dev.botwebhooks.script.ScriptOutcome;
import dev.botwebhooks.script.ScriptRun;
import dev.botwebhooks.script.ScriptSource;
import dev.botwebhooks.url.WebhookUrls;
import dev.botwebhooks.user.BotUser;
import dev.botwebhooks.user.UserRepository;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** Runs a loaded command's script on a worker; the outcome holds its buffered effects, nothing is written yet. */
@Component
class ScriptExecution {

    private final ScriptWorkers workers;
    private final ScriptEngine engine;
    private final ScriptRunMetrics metrics;
    private final PropertyRepository properties;
    private final UserRepository users;
    private final CommandRepository commands;
    private final CommandDirectory directory;
    private final WebhookUrls urls;
    private final ListRepository lists;
    private final BotLibraries libraries;
    private final RunAllTaskRepository runAllTasks;

    ScriptExecution(ScriptWorkers workers, ScriptEngine engine, ScriptRunMetrics metrics, PropertyRepository properties,
            UserRepository users, CommandRepository commands, CommandDirectory directory, WebhookUrls urls,
            ListRepository lists, BotLibraries libraries, RunAllTaskRepository runAllTasks) {
        this.workers = workers;
        this.engine = engine;
        this.metrics = metrics;
        this.properties = properties;
        this.users = users;
        this.commands = commands;
        this.directory = directory;
        this.urls = urls;
        this.lists = lists;
        this.libraries = libraries;
        this.runAllTasks = runAllTasks;
    }

    /**
     * The script's outcome and the properties it read (which its commit checks are unchanged). Errors with
     * {@link ScriptWorkers.Overloaded} when the worker queue, or the bot's share of it, is full.
     */
    Mono<Executed> execute(RunRequest request, RunLoader.Loaded.Found loaded) {
        BotUser user = loaded.user();
        ScriptRun run = new ScriptRun(source(loaded.command()), request.bot().name(), request.commandLine().strip(),
                loaded.params(), request.content(), loaded.options() != null ? loaded.options() : request.options(),
                user == null ? null : user.asScriptUser(),
                user == null ? null : chat(user), user == null ? null : user.id(), user == null ? null : user.chatId(),
                source(loaded.before()), source(loaded.after()), CommandAnswer.of(loaded.command().settings()),
                request.call().origin() == CallOrigin.WEBHOOK ? 0 : 1, loaded.command().settings(), loaded.reply(),
                request.call().runAllTask() != null);
        RunHost host = new RunHost(request.bot(), properties, users, commands, directory, urls, lists, libraries,
                runAllTasks);
        return workers.run(request.bot().id(), () -> metrics.time(() -> engine.run(run, host)))
                .map(outcome -> new Executed(outcome, host.reads()));
    }

    private static ScriptSource source(Command command) {
        return command == null ? null
                : new ScriptSource(command.botId(), command.name(), command.version(), command.runnable());
    }

    record Executed(ScriptOutcome outcome, List<PropertyRead> reads) {
    }

    private static ObjectNode chat(BotUser user) {
        ObjectNode chat = JsonNodeFactory.instance.objectNode();
        // BB names the chat's Telegram id both ways.
        chat.put("id", user.chatId());
        chat.put("chatid", user.chatId());
        chat.put("chat_type", "private");
        return chat;
    }
}
