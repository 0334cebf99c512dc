package dev.botwebhooks.url;




import dev.botwebhooks.bot.Bot;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import static dev.botwebhooks.url.WebhookParameters.*;

/** Makes signed webhook URLs: the same for Libs.Webhooks in scripts and for the admin API. */
@Component
public class WebhookUrls {

    static final int MAX_COMMAND_CHARS = 1024;
    static final int MAX_CONTENT_CHARS = 2048;
    static final int MAX_REDIRECT_CHARS = 2048;
    static final long MAX_EXPIRES_IN_SECONDS = 10L * 366 * 24 * 3600;

    private final URI publicBaseUrl;
    private final Clock clock;

    WebhookUrls(UrlProperties properties, Clock clock) {
        this.publicBaseUrl = properties.publicBaseUrl();
        this.clock = clock;
    }

    /** @throws IllegalArgumentException with a message for the script author or API user */
    public String urlFor(Bot bot, WebhookUrlRequest request) {
        return urlFor(bot, request, clock.instant());
    }

    public String urlFor(Bot bot, WebhookUrlRequest request, Instant now) {
        String command = request.command();
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("command is required");
        }
        requireAtMost("command", command, MAX_COMMAND_CHARS);
        String content = request.content();
        if (content != null) {
            requireAtMost("content", content, MAX_CONTENT_CHARS);
        }
        String redirectTo = blankToNull(request.redirectTo());
        if (redirectTo != null) {
            requireAtMost("redirect_to", redirectTo, MAX_REDIRECT_CHARS);
            requireHttpUrl(redirectTo);
        }
        String exp = null;
        if (request.expiresInSeconds() != null) {
            long seconds = request.expiresInSeconds();
            if (seconds < 1 || seconds > MAX_EXPIRES_IN_SECONDS) {
                throw new IllegalArgumentException("expires_in must be between 1 and " + MAX_EXPIRES_IN_SECONDS + " seconds");
            }
            exp = Long.toString(now.getEpochSecond() + seconds);
        }
        String userId = request.userId() == null ? null : Long.toString(request.userId());
        String options = request.options();
        if (options != null) {
            requireAtMost("options", options, MAX_CONTENT_CHARS);
        }
        SignedFields fields = new SignedFields(bot.id(), command, userId, content, redirectTo, exp, options);

        UriComponentsBuilder url = UriComponentsBuilder.fromUri(publicBaseUrl)
                .path(PATH.replace("{botId}", Long.toString(bot.id())));
        addParam(url, COMMAND, command);
        addParam(url, USER_ID, userId);
        addParam(url, CONTENT, content);
        addParam(url, REDIRECT_TO, redirectTo);
        addParam(url, EXP, exp);
        addParam(url, OPTIONS, options);
        addParam(url, SIG, WebhookSigner.sign(bot.webhookSecret(), fields));
        return url.build().toUriString();
    }

    private static void addParam(UriComponentsBuilder url, String name, String value) {
        if (value != null) {
            // Encoded here, in full, so that '+', '&' and '=' in a value survive any decoder.
            url.queryParam(name, org.springframework.web.util.UriUtils.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static void requireAtMost(String name, String value, int maxChars) {
        if (value.length() > maxChars) {
            throw new IllegalArgumentException(name + " is " + value.length() + " characters, at most " + maxChars
                    + " fit in a URL");
        }
    }

    private static void requireHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("redirect_to must be an absolute http(s) URL: " + value);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("redirect_to is not a valid URL: " + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
