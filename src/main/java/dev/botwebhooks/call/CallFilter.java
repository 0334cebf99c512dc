package dev.botwebhooks.call;

import java.time.Instant;

/**
 * What a call-log listing keeps; null fields keep everything.
 *
 * @param statusFrom lowest status kept (with {@code statusTo}: one status, or a class such as 500..599)
 * @param command    a command name: calls of {@code /onPay} include {@code /onPay 42}
 * @param from       received at or after
 * @param to         received before
 */
public record CallFilter(Integer statusFrom, Integer statusTo, String command, Instant from, Instant to) {

    public static final CallFilter NONE = new CallFilter(null, null, null, null, null);
}
