package dev.botwebhooks.script;

import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.url.WebhookUrlRequest;

import java.util.Optional;

/**
 * What the sandbox asks of the rest of the service. Called on the script worker thread only,
 * so implementations may block (this is the one place the database is waited on).
 */
public interface ScriptHost {

    /** The committed value of a property, without this run's buffered writes. */
    Optional<PropertyValue> readProperty(PropertyKey key);

    /**
     * A signed webhook URL for the run's bot.
     *
     * @throws IllegalArgumentException with a message fit for the script author when the request is invalid
     */
    String webhookUrl(long botId, WebhookUrlRequest request);

    /** Whether the bot has this user (Bot.run's {@code user_id}). */
    boolean userExists(long botId, long userId);

    /** The bot's command of that name at its current version, for Bot.run and Bot.runCommand. */
    Optional<ScriptSource> command(long botId, String name);
}
