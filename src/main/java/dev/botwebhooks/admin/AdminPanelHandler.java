package dev.botwebhooks.admin;

import dev.botwebhooks.bot.AdminPanels;
import dev.botwebhooks.job.JobRepository;
import dev.botwebhooks.property.PropertyChange;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.property.PropertyType;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.run.RunCommitted;
import dev.botwebhooks.script.ScriptProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BB's Admin Panels for the bot's owner: {@code GET .../admin-panels} shows the panels the bot defined with
 * {@code AdminPanel.setPanel} and their values (a password field's masked), {@code PATCH .../admin-panels/{name}}
 * fills fields, as the owner does in BB's app. A fill commits like a run's property write (the panel's property locked,
 * its version bumped, so a run that read the old one runs again), and runs the panel's {@code on_saving} command.
 */
@Component
class AdminPanelHandler {

    /** Panels a bot may show; a bot needs a few. */
    static final int MAX_PANELS = 100;
    private static final Set<String> FILL_FIELDS = Set.of("values");
    private static final String MASK = "***";

    private final AdminAuthentication auth;
    private final PropertyRepository properties;
    private final JobRepository jobs;
    private final TransactionalOperator transaction;
    private final ApplicationEventPublisher events;
    private final int maxPanelBytes;

    AdminPanelHandler(AdminAuthentication auth, PropertyRepository properties, JobRepository jobs,
            TransactionalOperator transaction, ApplicationEventPublisher events, ScriptProperties script) {
        this.auth = auth;
        this.properties = properties;
        this.jobs = jobs;
        this.transaction = transaction;
        this.events = events;
        this.maxPanelBytes = Math.toIntExact(script.maxPropertySize().toBytes());
    }

    record PanelList(List<JsonNode> panels) {
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return auth.bot(request)
                .flatMap(botId -> properties.listByPrefix(botId, AdminPanels.PROPERTY_PREFIX, MAX_PANELS)
                        .map(property -> property.value().value())
                        .filter(JsonNode::isObject)
                        .map(panel -> masked((ObjectNode) panel))
                        .collectSortedList(Comparator.comparing((JsonNode panel) -> panel.path("index").asDouble(0))
                                .thenComparing(panel -> panel.path("panel_name").asString(""))))
                .flatMap(panels -> ServerResponse.ok().bodyValue(new PanelList(panels)));
    }

    /** {@code {values: {field: value}}}: each an existing field's, of its type; the rest of the panel stays. */
    Mono<ServerResponse> fill(ServerRequest request) {
        String name = request.pathVariable("panelName");
        return auth.bot(request).flatMap(botId -> AdminRequests.jsonObject(request).flatMap(body -> {
            AdminRequests.requireKnownFields(body, FILL_FIELDS);
            JsonNode values = body.get("values");
            if (values == null || !values.isObject()) {
                throw ApiProblem.badRequest("values must be an object of field names and values");
            }
            PropertyKey key = new PropertyKey(botId, null, AdminPanels.PROPERTY_PREFIX + name);
            return properties.lock(List.of(key))
                    .then(properties.find(key))
                    .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("the bot has no admin panel " + name
                            + " (AdminPanel.setPanel defines one)")))
                    .flatMap(stored -> {
                        ObjectNode panel = filled(stored.value(), name, (ObjectNode) values);
                        Mono<Void> saved = properties.apply(List.of(new PropertyChange.Put(key,
                                new PropertyValue(PropertyType.JSON, panel))));
                        JsonNode onSaving = panel.path("on_saving");
                        String command = onSaving.path("command").asString("");
                        if (command.isBlank()) {
                            return saved.thenReturn(panel);
                        }
                        Long userId = onSaving.path("user_id").canConvertToLong() ? onSaving.get("user_id").asLong() : null;
                        ObjectNode options = JsonNodeFactory.instance.objectNode().put("panel_name", name);
                        options.set("values", values);
                        return saved.then(jobs.insertCallback(botId, null, command.strip(), userId, options, null))
                                .thenReturn(panel);
                    })
                    .as(transaction::transactional)
                    // After the commit, so the job worker woken finds the job.
                    .doOnNext(panel -> {
                        if (!panel.path("on_saving").path("command").asString("").isBlank()) {
                            events.publishEvent(new RunCommitted(botId, 0, 1, 0));
                        }
                    });
        })).flatMap(panel -> ServerResponse.ok().bodyValue(masked(panel)));
    }

    private ObjectNode filled(JsonNode stored, String name, ObjectNode values) {
        if (!stored.isObject() || !stored.path("fields").isArray()) {
            throw ApiProblem.conflict("admin panel " + name + " is not a panel AdminPanel.setPanel wrote");
        }
        ObjectNode panel = ((ObjectNode) stored).deepCopy();
        ArrayNode fields = (ArrayNode) panel.get("fields");
        for (Map.Entry<String, JsonNode> value : values.properties()) {
            ObjectNode field = field(fields, value.getKey());
            if (field == null) {
                throw ApiProblem.badRequest("admin panel " + name + " has no field " + value.getKey());
            }
            field.set("value", checked(field, value.getValue()));
        }
        if (panel.toString().length() > maxPanelBytes) {
            throw ApiProblem.badRequest("the panel would be over " + maxPanelBytes + " characters of JSON");
        }
        return panel;
    }

    private static ObjectNode field(ArrayNode fields, String name) {
        for (JsonNode field : fields) {
            if (field.isObject() && name.equals(field.path("name").asString(null))) {
                return (ObjectNode) field;
            }
        }
        return null;
    }

    /** A value of the field's type: text for string, text and password, a number, a whole number, a boolean. */
    private static JsonNode checked(ObjectNode field, JsonNode value) {
        if (value.isNull()) {
            return value;
        }
        String type = field.path("type").asString("string");
        boolean fits = switch (type) {
            case "integer" -> value.isIntegralNumber();
            case "float" -> value.isNumber();
            case "checkbox" -> value.isBoolean();
            default -> value.isString();
        };
        if (!fits) {
            throw ApiProblem.badRequest("field " + field.path("name").asString() + " is of type " + type + ", not " + value);
        }
        return value;
    }

    /** The panel as shown: a password field's value masked, as the bot's other secrets are. */
    private static JsonNode masked(ObjectNode panel) {
        ObjectNode shown = panel.deepCopy();
        for (JsonNode field : shown.path("fields")) {
            if (field.isObject() && "password".equals(field.path("type").asString(""))
                    && field.hasNonNull("value") && !field.get("value").asString("").isEmpty()) {
                ((ObjectNode) field).put("value", MASK);
            }
        }
        return shown;
    }
}
