package dev.botwebhooks.webhook;

import dev.botwebhooks.url.SignedFields;
import dev.botwebhooks.ingress.IngressProperties;
import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.call.CallRecord;
import dev.botwebhooks.run.CallContext;
import dev.botwebhooks.run.RunRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static dev.botwebhooks.url.WebhookParameters.COMMAND;
import static dev.botwebhooks.url.WebhookParameters.CONTENT;
import static dev.botwebhooks.url.WebhookParameters.EXP;
import static dev.botwebhooks.url.WebhookParameters.OPTIONS;
import static dev.botwebhooks.url.WebhookParameters.REDIRECT_TO;
import static dev.botwebhooks.url.WebhookParameters.USER_ID;

/**
 * A request of the call log made into a run again, as the webhook endpoint made it the first time:
 * the same content, params, headers, method and address, from the stored URL, headers and body.
 */
@Component
public class CallReplay {

    private final JsonMapper json;
    private final WebhookRequestReader reader;

    CallReplay(JsonMapper json, IngressProperties ingress) {
        this.json = json;
        this.reader = new WebhookRequestReader(json, ingress.maxBodySize().toBytes());
    }

    /** The run of a stored call; {@code receivedAt} is now, because this is a new call. */
    public RunRequest rebuild(Bot bot, CallRecord call, Instant receivedAt) {
        String rawQuery = URI.create(call.url()).getRawQuery();
        MultiValueMap<String, String> query = WebhookRequestReader.form(rawQuery == null ? "" : rawQuery);
        byte[] bytes = call.requestBody();
        String body = bytes == null || bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
        ObjectNode options = json.createObjectNode();
        options.put("url", call.url());
        options.put("method", call.method());
        options.set("params", reader.params(query, contentType(call.requestHeaders()), body));
        options.set("signed", reader.signed(new SignedFields(bot.id(), query.getFirst(COMMAND), query.getFirst(USER_ID),
                query.getFirst(CONTENT), query.getFirst(REDIRECT_TO), query.getFirst(EXP))));
        options.set("headers", call.requestHeaders());
        options.put("ip", call.ip());
        String given = query.getFirst(OPTIONS);
        CallContext context = new CallContext(call.method(), call.url(), call.ip(), call.requestHeaders(), bytes,
                receivedAt, System.nanoTime());
        return new RunRequest(bot, call.command(), call.userId(), body != null ? body : query.getFirst(CONTENT),
                given != null ? reader.givenOptions(given) : options,
                query.getFirst(REDIRECT_TO), context);
    }

    private static MediaType contentType(JsonNode headers) {
        JsonNode value = headers.get("Content-Type");
        if (value == null || !value.isString()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(value.asString());
        } catch (InvalidMediaTypeException malformed) {
            return null;
        }
    }
}
