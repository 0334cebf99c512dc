package dev.botwebhooks.admin;

import dev.botwebhooks.command.Command;
import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.command.CommandHeader;
import dev.botwebhooks.command.CommandSettings;
import dev.botwebhooks.command.CommandSettingsJson;
import dev.botwebhooks.command.CommandRepository;
import dev.botwebhooks.script.ModernSyntax;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A bot's commands: create or replace (a new version each time), list, read, delete. */
@Component
class CommandAdminHandler {

    static final int MAX_NAME_CHARS = 200;
    static final int MAX_CODE_CHARS = 256 * 1024;
    static final int MAX_COMMANDS_LISTED = 1000;

    private final AdminAuthentication auth;
    private final CommandRepository commands;
    private final CommandDirectory directory;
    private final ModernSyntax syntax;

    CommandAdminHandler(AdminAuthentication auth, CommandRepository commands, CommandDirectory directory,
            ModernSyntax syntax) {
        this.syntax = syntax;
        this.auth = auth;
        this.commands = commands;
        this.directory = directory;
    }

    static final int MAX_ALIASES = 50;
    static final int MAX_SETTING_CHARS = 4096;

    /** A command as the API shows it: its code (without a BB header) and BB's fields beside it. */
    record CommandView(String name, String code, long version, Instant updatedAt, ObjectNode settings) {
        static CommandView of(Command command) {
            return new CommandView(command.name(), command.code(), command.version(), command.updatedAt(),
                    CommandSettingsJson.toJson(command.settings()));
        }
    }

    /**
     * {@code {name, code, aliases?, answer?, keyboard?, help?}}; code may start with the {@code /*CMD ... CMD*}{@code /}
     * header BB exports, whose fields then become the settings (and whose {@code command:} the name when none is given).
     */
    Mono<ServerResponse> save(ServerRequest request) {
        return auth.bot(request).zipWith(AdminRequests.jsonObject(request))
                .flatMap(found -> {
                    ToSave command = toSave(found.getT2());
                    // Parsing 256 KB of code takes milliseconds of CPU, transpiling it seconds: not on an event loop.
                    return Mono.fromCallable(() -> syntax.check(command.name(), command.code()))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(checked -> checked instanceof ModernSyntax.Checked.Invalid invalid
                                    ? Mono.error(ApiProblem.badRequest("the code does not parse: " + invalid.message()))
                                    : commands.save(found.getT1(), command.name(), command.code(),
                                            checked instanceof ModernSyntax.Checked.Transpiled transpiled
                                                    ? transpiled.runnable() : null,
                                            command.settings(), command.header()));
                })
                .doOnNext(saved -> directory.forget(saved.botId(), saved.name()))
                .flatMap(command -> ServerResponse.ok().bodyValue(CommandView.of(command)));
    }

    private record ToSave(String name, String code, CommandSettings settings, String header) {
    }

    private static ToSave toSave(ObjectNode body) {
        String code = AdminRequests.optionalString(body, "code", MAX_CODE_CHARS);
        if (code == null) {
            throw ApiProblem.badRequest("code is required");
        }
        String name = AdminRequests.optionalString(body, "name", MAX_NAME_CHARS);
        CommandSettings settings = settings(body);
        String header = null;
        if (CommandHeader.startsWithOne(code)) {
            CommandHeader parsed;
            try {
                parsed = CommandHeader.split(code);
            } catch (IllegalArgumentException malformed) {
                throw ApiProblem.badRequest("the code's BB header: " + malformed.getMessage());
            }
            if (name == null || name.isBlank()) {
                name = parsed.name();
            } else if (parsed.name() != null && !parsed.name().equals(name.strip())) {
                throw ApiProblem.badRequest("name " + name.strip() + " differs from the header's command: " + parsed.name());
            }
            if (settings != null) {
                throw ApiProblem.badRequest("give the command's fields in its BB header or as JSON fields, not both");
            }
            settings = parsed.settings();
            header = parsed.text();
            code = parsed.code();
        }
        if (name == null || name.isBlank()) {
            throw ApiProblem.badRequest("name is required");
        }
        // Any text a keyboard button can carry (spaces, emoji), as in BB; surrounding blanks are not part of it.
        return new ToSave(name.strip(), code, settings == null ? CommandSettings.NONE : settings, header);
    }

    /** The BB fields given as JSON, null when none is. */
    private static CommandSettings settings(ObjectNode body) {
        if (!(body.has("aliases") || body.has("answer") || body.has("keyboard") || body.has("help"))) {
            return null;
        }
        List<String> aliases = new ArrayList<>();
        JsonNode list = body.get("aliases");
        if (list != null && !list.isNull()) {
            if (list.isString()) {
                aliases.addAll(CommandHeader.aliases(list.asString()));
            } else if (list.isArray()) {
                for (JsonNode alias : list) {
                    if (!alias.isString() || alias.asString().isBlank() || alias.asString().length() > MAX_NAME_CHARS) {
                        throw ApiProblem.badRequest("aliases must be texts of 1 to " + MAX_NAME_CHARS + " characters");
                    }
                    aliases.add(alias.asString().strip());
                }
            } else {
                throw ApiProblem.badRequest("aliases must be a list of texts, or one text separated by commas");
            }
        }
        if (aliases.size() > MAX_ALIASES) {
            throw ApiProblem.badRequest("a command has at most " + MAX_ALIASES + " aliases, not " + aliases.size());
        }
        return new CommandSettings(aliases, AdminRequests.optionalString(body, "answer", MAX_SETTING_CHARS),
                AdminRequests.optionalString(body, "keyboard", MAX_SETTING_CHARS),
                AdminRequests.optionalString(body, "help", MAX_SETTING_CHARS), false, null, null, null);
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return auth.bot(request)
                .flatMap(botId -> commands.list(botId, MAX_COMMANDS_LISTED).map(CommandView::of).collectList())
                .flatMap(list -> ServerResponse.ok().bodyValue(Map.<String, List<CommandView>>of("commands", list)));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        String name = request.pathVariable("name");
        return auth.bot(request)
                .flatMap(botId -> commands.find(botId, name))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("command " + name + " not found")))
                .flatMap(command -> ServerResponse.ok().bodyValue(CommandView.of(command)));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        String name = request.pathVariable("name");
        return auth.bot(request)
                .flatMap(botId -> commands.delete(botId, name).doOnNext(deleted -> directory.forget(botId, name)))
                .flatMap(deleted -> deleted ? ServerResponse.noContent().build()
                        : Mono.error(ApiProblem.notFound("command " + name + " not found")));
    }
}
