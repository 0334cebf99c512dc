package dev.botwebhooks.url;

/**
 * The URL parameters a webhook signature covers, exactly as they appear in the URL (decoded);
 * null = the parameter is absent.
 */
public record SignedFields(long botId, String command, String userId, String content, String redirectTo, String exp) {
}
