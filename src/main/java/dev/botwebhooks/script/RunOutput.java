package dev.botwebhooks.script;

import dev.botwebhooks.broadcast.RunAllRequest;
import dev.botwebhooks.httprequest.ScriptHttpRequest;
import dev.botwebhooks.job.JobCancellation;
import dev.botwebhooks.job.JobRequest;
import dev.botwebhooks.list.ListChange;
import dev.botwebhooks.list.ListKey;
import dev.botwebhooks.message.OutgoingMessage;
import dev.botwebhooks.property.PropertyChange;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyValue;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run leaves behind, shared by all its BJS globals: the effects it buffers until its
 * commit, its answer and custom response, and the counters that bound them. Breaking a bound aborts
 * the run rather than throwing a JavaScript error, so a script cannot catch it and carry on.
 */
final class RunOutput {

    /** Bot.run and Bot.clearRunAfter calls kept per run. */
    static final int MAX_JOB_CALLS = 100;
    /** HTTP.* calls per run: each is a request to another service, made by this service on the bot's behalf. */
    static final int MAX_HTTP_REQUESTS = 10;
    /** Bot.runAll calls per run: each runs a command for every user of the bot. */
    static final int MAX_RUN_ALL_TASKS = 10;

    private final ScriptLimits limits;
    private final Map<PropertyKey, PropertyChange> propertyChanges = new LinkedHashMap<>();
    private final List<OutgoingMessage> messages = new ArrayList<>();
    private final List<JobRequest> jobRequests = new ArrayList<>();
    private final List<JobCancellation> jobCancellations = new ArrayList<>();
    private final List<ScriptHttpRequest> httpRequests = new ArrayList<>();
    private final List<ListChange> listChanges = new ArrayList<>();
    private final List<RunAllRequest> runAllTasks = new ArrayList<>();
    private int propertyWrites;
    private int messageCalls;
    private String answer;
    private CustomResponse customResponse;

    RunOutput(ScriptLimits limits) {
        this.limits = limits;
    }

    String answer() {
        return answer;
    }

    CustomResponse customResponse() {
        return customResponse;
    }

    /** One change per property (its last write), in the order the properties were first written. */
    Effects effects() {
        if (propertyChanges.isEmpty() && messages.isEmpty() && jobRequests.isEmpty() && jobCancellations.isEmpty()
                && httpRequests.isEmpty() && listChanges.isEmpty() && runAllTasks.isEmpty()) {
            return Effects.NONE;
        }
        return new Effects(List.copyOf(propertyChanges.values()), List.copyOf(messages), List.copyOf(jobRequests),
                List.copyOf(jobCancellations), List.copyOf(httpRequests), List.copyOf(listChanges),
                List.copyOf(runAllTasks));
    }

    /** A message counts against the limit whether or not it has a chat to go to. */
    void countMessage() {
        if (++messageCalls > limits.maxMessages()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT,
                    "message limit exceeded: at most " + limits.maxMessages() + " messages per run");
        }
    }

    void addMessage(OutgoingMessage message) {
        requireStorable("Bot.sendMessage", message.text());
        requireStorable("Bot.sendMessage", message.options());
        messages.add(message);
    }

    void answer(String text) {
        answer = text;
    }

    void customResponse(CustomResponse response) {
        customResponse = response;
    }

    void putProperty(PropertyKey key, PropertyValue value) {
        requireStorable("setProp", key.name());
        requireStorable("setProp", value.value());
        countPropertyWrite();
        propertyChanges.put(key, new PropertyChange.Put(key, value));
    }

    void deleteProperty(PropertyKey key) {
        countPropertyWrite();
        propertyChanges.put(key, new PropertyChange.Delete(key));
    }

    /** This run's own last write of a property, which a read sees before the committed value; null when none. */
    PropertyChange propertyChange(PropertyKey key) {
        return propertyChanges.get(key);
    }

    /** A list change counts as a property write: each is a row written in the run's commit. */
    void changeList(ListChange change) {
        requireStorable("List", change.list().name());
        countPropertyWrite();
        listChanges.add(change);
    }

    /**
     * Whether this run's own changes decide that the list exists (it created it, added to it, or removed it);
     * null when they do not say, and the committed state decides.
     */
    Boolean listExists(ListKey list) {
        for (int i = listChanges.size() - 1; i >= 0; i--) {
            ListChange change = listChanges.get(i);
            if (change.list().equals(list)) {
                if (change instanceof ListChange.Remove) {
                    return false;
                }
                if (change instanceof ListChange.Create || change instanceof ListChange.AddProperty
                        || change instanceof ListChange.AddUser) {
                    return true;
                }
            }
        }
        return null;
    }

    /** Called before the host is asked about a job, so that a run past the bound stops without another read. */
    void requireRoomForJob() {
        if (jobRequests.size() >= MAX_JOB_CALLS) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT,
                    "Bot.run limit exceeded: at most " + MAX_JOB_CALLS + " jobs per run");
        }
    }

    void addJob(JobRequest request) {
        requireStorable("Bot.run", request.commandLine());
        requireStorable("Bot.run", request.label());
        requireStorable("Bot.run", request.options());
        jobRequests.add(request);
    }

    void requireRoomForHttpRequest() {
        if (httpRequests.size() >= MAX_HTTP_REQUESTS) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT,
                    "HTTP request limit exceeded: at most " + MAX_HTTP_REQUESTS + " requests per run");
        }
    }

    void addHttpRequest(ScriptHttpRequest request) {
        requireStorable("HTTP", request.url());
        request.headers().forEach((name, value) -> requireStorable("HTTP", value));
        requireStorable("HTTP", request.successCommand());
        requireStorable("HTTP", request.errorCommand());
        httpRequests.add(request);
    }

    /** Called before the host is asked about the task's commands, as for a job. */
    void requireRoomForRunAll() {
        if (runAllTasks.size() >= MAX_RUN_ALL_TASKS) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT,
                    "Bot.runAll limit exceeded: at most " + MAX_RUN_ALL_TASKS + " tasks per run");
        }
    }

    void addRunAll(RunAllRequest request) {
        requireStorable("Bot.runAll", request.command());
        requireStorable("Bot.runAll", request.onCreate());
        requireStorable("Bot.runAll", request.options());
        runAllTasks.add(request);
    }

    /** Drops the buffered jobs it matches too: they were asked for before the cancellation. */
    void cancelJobs(JobCancellation cancellation) {
        jobRequests.removeIf(cancellation::matches);
        if (!jobCancellations.contains(cancellation)) {
            if (jobCancellations.size() >= MAX_JOB_CALLS) {
                throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT,
                        "Bot.clearRunAfter limit exceeded: at most " + MAX_JOB_CALLS + " labels per run");
            }
            jobCancellations.add(cancellation);
        }
    }

    /** PostgreSQL's text and jsonb cannot hold the NUL character: the script hears of it, at the call. */
    private static void requireStorable(String function, String text) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw JsValues.typeError(function + ": text with the NUL character (\\u0000) cannot be stored");
        }
    }

    private static void requireStorable(String function, JsonNode json) {
        if (json == null) {
            return;
        }
        if (json.isString()) {
            requireStorable(function, json.asString());
        }
        json.propertyNames().forEach(name -> requireStorable(function, name));
        json.values().forEach(value -> requireStorable(function, value));
    }

    private void countPropertyWrite() {
        if (++propertyWrites > limits.maxPropertyWrites()) {
            throw new RunAborted(ScriptFailure.Kind.OUTPUT_LIMIT,
                    "property write limit exceeded: at most " + limits.maxPropertyWrites() + " writes per run");
        }
    }
}
