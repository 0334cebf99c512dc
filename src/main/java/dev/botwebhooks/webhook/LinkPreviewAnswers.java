package dev.botwebhooks.webhook;

import dev.botwebhooks.admission.Admission;
import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.call.CallOrigin;
import dev.botwebhooks.call.CallRecord;
import dev.botwebhooks.call.CallRepository;
import dev.botwebhooks.logging.ThrottledLog;
import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.metrics.Rejections;
import dev.botwebhooks.preview.LinkPreviews;
import dev.botwebhooks.run.Answer;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to a link preview: a small page saying what the link is, logged in the call log as a
 * preview, with nothing run. Before admission, so a preview spends no rate limit; the log insert is
 * one row, and a preview is answered even when it cannot be logged.
 */
@Component
class LinkPreviewAnswers {

    private static final ThrottledLog failures =
            new ThrottledLog(LoggerFactory.getLogger(LinkPreviewAnswers.class), Duration.ofMinutes(1));

    private final CallRepository calls;
    private final Admission admission;
    private final Rejections rejections;

    LinkPreviewAnswers(CallRepository calls, Admission admission, Rejections rejections) {
        this.calls = calls;
        this.admission = admission;
        this.rejections = rejections;
    }

    Mono<Answer> answer(ServerRequest request, Bot bot, String command, Long userId, String url, JsonNode headers,
            Instant receivedAt, long startNanos) {
        rejections.count(Rejection.LINK_PREVIEW);
        String page = LinkPreviews.page(bot, command);
        Answer answer = new Answer(200, "text/html; charset=utf-8", Map.of(HttpHeaders.CACHE_CONTROL, "no-store"), page, null);
        String ip = admission.clientIp(request.exchange().getRequest());
        return calls.nextId()
                .flatMap(id -> calls.insert(List.of(new CallRecord(id, bot.id(), command, userId, request.method().name(),
                        url, ip, headers, null, answer.status(), null, null, null, null,
                        (int) Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), receivedAt,
                        CallOrigin.LINK_PREVIEW))))
                .onErrorResume(error -> {
                    failures.error("a link preview of bot {} could not be logged", error, bot.id());
                    return Mono.empty();
                })
                .thenReturn(answer);
    }
}
