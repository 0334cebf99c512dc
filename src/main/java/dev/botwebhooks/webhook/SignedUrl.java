package dev.botwebhooks.webhook;

import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.url.SignedFields;
import dev.botwebhooks.url.WebhookSigner;
import org.springframework.util.MultiValueMap;

import java.util.List;
import java.util.Optional;

import static dev.botwebhooks.url.WebhookParameters.*;

/** The first checks of every request to a webhook URL, whatever its method: the bot id, the parameters, the signature. */
final class SignedUrl {

    private SignedUrl() {
    }

    static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    /** The reserved parameter given more than once, or null: which of two values was signed would be ambiguous. */
    static String repeatedParameter(MultiValueMap<String, String> query) {
        for (String name : RESERVED) {
            List<String> values = query.get(name);
            if (values != null && values.size() > 1) {
                return name;
            }
        }
        return null;
    }

    static SignedFields fields(long botId, MultiValueMap<String, String> query) {
        return new SignedFields(botId, query.getFirst(COMMAND), query.getFirst(USER_ID), query.getFirst(CONTENT),
                query.getFirst(REDIRECT_TO), query.getFirst(EXP), query.getFirst(OPTIONS));
    }

    static boolean verify(Bot bot, SignedFields fields, MultiValueMap<String, String> query) {
        return WebhookSigner.verify(bot.webhookSecret(), fields, query.getFirst(SIG));
    }
}
