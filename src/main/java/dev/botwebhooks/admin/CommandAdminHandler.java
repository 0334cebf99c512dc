package dev.botwebhooks.admin;

import dev.botwebhooks.command.Command;
import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.command.CommandRepository;
import dev.botwebhooks.script.ScriptSyntax;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
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

    CommandAdminHandler(AdminAuthentication auth, CommandRepository commands, CommandDirectory directory) {
        this.auth = auth;
        this.commands = commands;
        this.directory = directory;
    }

    record CommandView(String name, String code, long version, Instant updatedAt) {
        static CommandView of(Command command) {
            return new CommandView(command.name(), command.code(), command.version(), command.updatedAt());
        }
    }

    Mono<ServerResponse> save(ServerRequest request) {
        return auth.bot(request).zipWith(AdminRequests.jsonObject(request))
                .flatMap(found -> {
                    String name = AdminRequests.requiredString(found.getT2(), "name", MAX_NAME_CHARS).strip();
                    if (name.chars().anyMatch(Character::isWhitespace)) {
                        throw ApiProblem.badRequest("a command name is one word, e.g. /onWebhook");
                    }
                    String code = AdminRequests.optionalString(found.getT2(), "code", MAX_CODE_CHARS);
                    if (code == null) {
                        throw ApiProblem.badRequest("code is required");
                    }
                    // Parsing 256 KB of code takes milliseconds of CPU: not on an event loop.
                    return Mono.fromCallable(() -> ScriptSyntax.error(code)).subscribeOn(Schedulers.boundedElastic())
                            .flatMap(syntaxError -> syntaxError.isPresent()
                                    ? Mono.error(ApiProblem.badRequest("the code does not parse: " + syntaxError.get()))
                                    : commands.save(found.getT1(), name, code));
                })
                .doOnNext(saved -> directory.forget(saved.botId(), saved.name()))
                .flatMap(command -> ServerResponse.ok().bodyValue(CommandView.of(command)));
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
