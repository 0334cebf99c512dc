package dev.botwebhooks.token;

import java.util.regex.Pattern;

/** RFC 9110's {@code token}, the syntax of a header name: checked wherever a user names a header. */
public final class HttpToken {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private HttpToken() {
    }

    /** Whether {@code name} is a token of at most {@code maxLength} characters. */
    public static boolean isValid(String name, int maxLength) {
        return name != null && !name.isEmpty() && name.length() <= maxLength && TOKEN.matcher(name).matches();
    }
}
