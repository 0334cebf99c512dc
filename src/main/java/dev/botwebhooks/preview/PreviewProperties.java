package dev.botwebhooks.preview;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Locale;

/**
 * @param userAgents parts of the {@code User-Agent} of the services that fetch a link to show its preview,
 *                   matched ignoring case anywhere in the header
 */
@ConfigurationProperties("webhooks.previews")
public record PreviewProperties(@DefaultValue({"TelegramBot", "Slackbot-LinkExpanding", "Slack-ImgProxy", "Discordbot",
        "WhatsApp", "facebookexternalhit", "Facebot", "Twitterbot", "LinkedInBot", "SkypeUriPreview", "vkShare",
        "Viber", "redditbot", "Mastodon/", "Embedly", "Iframely"}) List<String> userAgents) {

    /** Each User-Agent is searched for every entry, so the list is kept small. */
    static final int MAX_USER_AGENTS = 100;
    static final int MAX_USER_AGENT_CHARS = 100;

    public PreviewProperties {
        if (userAgents.size() > MAX_USER_AGENTS) {
            throw new IllegalArgumentException("webhooks.previews.user-agents has " + userAgents.size()
                    + " entries, at most " + MAX_USER_AGENTS);
        }
        for (String agent : userAgents) {
            if (agent == null || agent.isBlank() || agent.length() > MAX_USER_AGENT_CHARS) {
                throw new IllegalArgumentException("webhooks.previews.user-agents entries must be 1 to "
                        + MAX_USER_AGENT_CHARS + " characters, not blank");
            }
        }
        userAgents = userAgents.stream().map(agent -> agent.toLowerCase(Locale.ROOT)).toList();
    }
}
