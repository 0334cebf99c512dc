package dev.botwebhooks.url;

/**
 * The URL parameters a webhook signature covers, exactly as they appear in the URL (decoded);
 * null = the parameter is absent.
 *
 * @param options the BJS {@code options} a WebApp URL gives its command, as JSON ({@code WebApp.getUrl})
 */
public record SignedFields(long botId, String command, String userId, String content, String redirectTo, String exp,
        String options) {

    public SignedFields(long botId, String command, String userId, String content, String redirectTo, String exp) {
        this(botId, command, userId, content, redirectTo, exp, null);
    }
}
