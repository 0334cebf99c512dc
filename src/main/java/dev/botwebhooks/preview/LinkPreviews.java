package dev.botwebhooks.preview;

import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.bot.BotSetting;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.util.List;
import java.util.Locale;

/** Tells a link preview from a request meant to run the command, and writes the page a preview gets. */
@Component
public class LinkPreviews {

    private final List<String> userAgents;

    public LinkPreviews(PreviewProperties properties) {
        this.userAgents = properties.userAgents();
    }

    /**
     * A HEAD request never runs a command (it wants the headers a GET would get, not its effects); a
     * known preview fetcher's GET runs it only when the bot's {@code link_previews} setting says so.
     * An invalid setting counts as the default, so that a preview never runs what it should not.
     */
    public boolean isPreview(Bot bot, HttpMethod method, String userAgent) {
        if (method == HttpMethod.HEAD) {
            return true;
        }
        if (method != HttpMethod.GET || userAgent == null || !knownFetcher(userAgent)) {
            return false;
        }
        return !(bot.settings().get(LinkPreviewMode.SETTING) instanceof BotSetting.Parsed.Valid<LinkPreviewMode> mode
                && mode.value() == LinkPreviewMode.RUN);
    }

    private boolean knownFetcher(String userAgent) {
        String agent = userAgent.toLowerCase(Locale.ROOT);
        for (String fetcher : userAgents) {
            if (agent.contains(fetcher)) {
                return true;
            }
        }
        return false;
    }

    /** What the preview shows: whose link it is and that opening it does something. */
    public static String page(Bot bot, String command) {
        String title = HtmlUtils.htmlEscape("Webhook of " + bot.name());
        String description = HtmlUtils.htmlEscape("Opening this link runs " + command + ". A link preview does not run it.");
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<meta property=\"og:title\" content=\"" + title + "\">"
                + "<meta property=\"og:description\" content=\"" + description + "\">"
                + "<meta name=\"robots\" content=\"noindex\"></head><body><p>" + description + "</p></body></html>";
    }
}
