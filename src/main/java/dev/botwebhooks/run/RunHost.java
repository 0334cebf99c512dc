package dev.botwebhooks.run;

import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.command.CommandRepository;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.script.ScriptHost;
import dev.botwebhooks.script.ScriptSource;
import dev.botwebhooks.user.UserRepository;
import dev.botwebhooks.url.WebhookUrlRequest;
import dev.botwebhooks.url.WebhookUrls;

import java.time.Duration;
import java.util.Optional;

/**
 * The sandbox's view of one bot's data during a run: made for that bot, so a run sees no other bot's
 * data. Runs on a script worker, so it may block.
 */
final class RunHost implements ScriptHost {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Bot bot;
    private final PropertyRepository properties;
    private final UserRepository users;
    private final CommandRepository commands;
    private final WebhookUrls urls;

    RunHost(Bot bot, PropertyRepository properties, UserRepository users, CommandRepository commands,
            WebhookUrls urls) {
        this.bot = bot;
        this.properties = properties;
        this.users = users;
        this.commands = commands;
        this.urls = urls;
    }

    @Override
    public Optional<PropertyValue> readProperty(Long userId, String name) {
        return properties.find(new PropertyKey(bot.id(), userId, name)).blockOptional(READ_TIMEOUT);
    }

    @Override
    public String webhookUrl(WebhookUrlRequest request) {
        return urls.urlFor(bot, request);
    }

    @Override
    public boolean userExists(long userId) {
        return Boolean.TRUE.equals(users.find(bot.id(), userId).hasElement().block(READ_TIMEOUT));
    }

    @Override
    public Optional<ScriptSource> command(String name) {
        return commands.find(bot.id(), name).blockOptional(READ_TIMEOUT)
                .map(command -> new ScriptSource(command.botId(), command.name(), command.version(), command.code()));
    }
}
