package dev.botwebhooks.script;

import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.url.WebhookUrlRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/** A ScriptHost over maps for one bot: committed properties, users and commands in, requested webhook URLs recorded. */
final class InMemoryScriptHost implements ScriptHost {

    final Map<PropertyKey, PropertyValue> properties = new HashMap<>();
    final List<WebhookUrlRequest> urlRequests = new ArrayList<>();
    final Set<Long> users = new HashSet<>();
    final Map<String, ScriptSource> commands = new HashMap<>();
    boolean storageDown;
    Duration readDelay = Duration.ZERO;
    private final long botId;

    InMemoryScriptHost(long botId) {
        this.botId = botId;
    }

    @Override
    public Optional<PropertyValue> readProperty(Long userId, String name) {
        if (storageDown) {
            throw new IllegalStateException("connection refused");
        }
        if (!readDelay.isZero()) {
            // Stands in for a slow database: the latency itself is what the wall-time test needs,
            // there is no condition to await.
            try {
                Thread.sleep(readDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.ofNullable(properties.get(new PropertyKey(botId, userId, name)));
    }

    @Override
    public String webhookUrl(WebhookUrlRequest request) {
        if (request.command().equals("/missing")) {
            throw new IllegalArgumentException("no command /missing in this bot");
        }
        urlRequests.add(request);
        return "https://hooks.example/v1/bots/" + botId + "/new-webhook?command=" + request.command();
    }

    @Override
    public boolean userExists(long userId) {
        if (storageDown) {
            throw new IllegalStateException("connection refused");
        }
        return users.contains(userId);
    }

    @Override
    public Optional<ScriptSource> command(String name) {
        if (storageDown) {
            throw new IllegalStateException("connection refused");
        }
        return Optional.ofNullable(commands.get(name));
    }
}
