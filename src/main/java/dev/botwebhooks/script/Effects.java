package dev.botwebhooks.script;



import dev.botwebhooks.broadcast.RunAllRequest;
import dev.botwebhooks.httprequest.ScriptHttpRequest;
import dev.botwebhooks.job.JobCancellation;
import dev.botwebhooks.job.JobRequest;
import dev.botwebhooks.list.ListChange;
import dev.botwebhooks.message.OutgoingMessage;
import dev.botwebhooks.property.PropertyChange;

import java.util.List;

/**
 * The buffered effects of a run, committed in one transaction with its call record. Cancellations
 * apply before the new jobs: a job a run schedules after its own {@code Bot.clearRunAfter} stays. List changes apply
 * after the property writes, in the order the script made them. {@code Bot.runAll} tasks are created after the jobs.
 */
public record Effects(List<PropertyChange> propertyChanges, List<OutgoingMessage> messages,
        List<JobRequest> jobs, List<JobCancellation> cancellations, List<ScriptHttpRequest> httpRequests,
        List<ListChange> listChanges, List<RunAllRequest> runAllTasks) {

    public static final Effects NONE = new Effects(List.of(), List.of());

    public Effects(List<PropertyChange> propertyChanges, List<OutgoingMessage> messages) {
        this(propertyChanges, messages, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return propertyChanges.isEmpty() && messages.isEmpty() && jobs.isEmpty() && cancellations.isEmpty()
                && httpRequests.isEmpty() && listChanges.isEmpty() && runAllTasks.isEmpty();
    }
}
