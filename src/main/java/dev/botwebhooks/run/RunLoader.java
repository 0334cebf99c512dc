package dev.botwebhooks.run;

import dev.botwebhooks.command.Command;
import dev.botwebhooks.command.CommandDirectory;
import dev.botwebhooks.user.BotUser;
import dev.botwebhooks.user.UserDirectory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Optional;

/** Loads what a run needs, without blocking: the command and the user, from the read-through caches. */
@Component
class RunLoader {

    private final CommandDirectory commands;
    private final UserDirectory users;

    RunLoader(CommandDirectory commands, UserDirectory users) {
        this.commands = commands;
        this.users = users;
    }

    Mono<Loaded> load(RunRequest request) {
        long botId = request.bot().id();
        Mono<Optional<BotUser>> user = request.userId() == null ? Mono.just(Optional.empty())
                : users.find(botId, request.userId());
        return Mono.zip(commands.find(botId, request.commandName()), user).map(found -> {
            if (found.getT1().isEmpty()) {
                return new Loaded.Missing("unknown command " + request.commandName());
            }
            if (request.userId() != null && found.getT2().isEmpty()) {
                return new Loaded.Missing("unknown user " + request.userId());
            }
            return new Loaded.Found(found.getT1().get(), found.getT2().orElse(null));
        });
    }

    sealed interface Loaded {

        /** @param user null on a global webhook */
        record Found(Command command, BotUser user) implements Loaded {
        }

        record Missing(String reason) implements Loaded {
        }
    }
}
