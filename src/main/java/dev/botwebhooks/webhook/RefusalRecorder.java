package dev.botwebhooks.webhook;

import dev.botwebhooks.admission.Admission;
import dev.botwebhooks.bot.Bot;
import dev.botwebhooks.metrics.RefusedCalls;
import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.run.CallContext;
import dev.botwebhooks.url.WebhookParameters;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Tells {@link RefusedCalls} about a call to one of a bot's URLs that was refused, with the URL's {@code sig} left out. */
@Component
class RefusalRecorder {

    private static final String SIG = WebhookParameters.SIG + "=";

    private final RefusedCalls refused;
    private final Admission admission;

    RefusalRecorder(RefusedCalls refused, Admission admission) {
        this.refused = refused;
        this.admission = admission;
    }

    /** Before its body was read: an unknown bot is no bot's refusal, so {@code bot} null records nothing. */
    void record(Bot bot, Rejection reason, ServerRequest request) {
        if (bot != null) {
            refused.record(bot.id(), reason, admission.clientIp(request.exchange().getRequest()), request.method().name(),
                    withoutSig(request.uri().getRawPath(), request.uri().getRawQuery()));
        }
    }

    /** After its body was read (a provider signature, an unknown command or user). */
    void record(long botId, Rejection reason, CallContext call) {
        URI url = URI.create(call.url());
        refused.record(botId, reason, call.ip(), call.method(), withoutSig(url.getRawPath(), url.getRawQuery()));
    }

    static String withoutSig(String rawPath, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawPath;
        }
        String kept = Arrays.stream(rawQuery.split("&")).filter(part -> !part.startsWith(SIG))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? rawPath : rawPath + "?" + kept;
    }
}
