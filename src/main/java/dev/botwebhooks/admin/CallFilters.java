package dev.botwebhooks.admin;

import dev.botwebhooks.call.CallFilter;
import org.springframework.web.reactive.function.server.ServerRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET .../calls?status=503|5xx&command=/onPay&from=<ISO-8601>&to=<ISO-8601>}, with clear 400s. */
final class CallFilters {

    private static final Pattern STATUS = Pattern.compile("([1-5])(\\d\\d|xx)");
    private static final int MAX_COMMAND_CHARS = 200;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private CallFilters() {
    }

    static CallFilter of(ServerRequest request) {
        Integer statusFrom = null;
        Integer statusTo = null;
        String status = request.queryParam("status").orElse(null);
        if (status != null) {
            Matcher matcher = STATUS.matcher(status.toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw ApiProblem.badRequest("status must be a status such as 503 or a class such as 5xx");
            }
            boolean ofClass = matcher.group(2).equals("xx");
            statusFrom = ofClass ? Integer.parseInt(matcher.group(1)) * 100 : Integer.parseInt(status);
            statusTo = ofClass ? statusFrom + 99 : statusFrom;
        }
        String command = request.queryParam("command").map(String::strip).orElse(null);
        if (command != null && (command.isEmpty() || command.length() > MAX_COMMAND_CHARS)) {
            throw ApiProblem.badRequest("command must be a command name such as /onPay");
        }
        Instant from = instant(request, "from");
        Instant to = instant(request, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.badRequest("from must be before to");
        }
        return new CallFilter(statusFrom, statusTo, command, from, to);
    }

    private static Instant instant(ServerRequest request, String name) {
        return request.queryParam(name).map(value -> {
            Instant instant;
            try {
                instant = Instant.parse(value);
            } catch (DateTimeParseException malformed) {
                throw ApiProblem.badRequest(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            }
            // PostgreSQL's timestamps end long before Instant's; nothing is logged outside these years anyway.
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw ApiProblem.badRequest(name + " must be between " + EARLIEST + " and " + LATEST);
            }
            return instant;
        }).orElse(null);
    }
}
