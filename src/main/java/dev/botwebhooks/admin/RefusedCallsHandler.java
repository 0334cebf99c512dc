package dev.botwebhooks.admin;

import dev.botwebhooks.metrics.RefusedCall;
import dev.botwebhooks.metrics.RefusedCalls;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET .../refused-calls}: what the bot's URLs refused before a command ran (bad signature, expired,
 * rate-limited, banned...), counted since this replica started, and the last ones. Kept in memory: with several
 * replicas each answers for the calls it refused.
 */
@Component
class RefusedCallsHandler {

    private final AdminAuthentication auth;
    private final RefusedCalls refused;

    RefusedCallsHandler(AdminAuthentication auth, RefusedCalls refused) {
        this.auth = auth;
        this.refused = refused;
    }

    record Shown(Instant at, String reason, String ip, String method, String pathWithoutSig) {
        static Shown of(RefusedCall call) {
            return new Shown(call.at(), call.reason().tag(), call.ip(), call.method(), call.pathWithoutSig());
        }
    }

    /** @param counts by reason, every reason listed (zero included) */
    record Refusals(Map<String, Long> counts, List<Shown> recent) {
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return auth.bot(request).flatMap(botId -> {
            RefusedCalls.Summary summary = refused.of(botId);
            Map<String, Long> counts = new LinkedHashMap<>();
            summary.counts().forEach((reason, count) -> counts.put(reason.tag(), count));
            return ServerResponse.ok().bodyValue(new Refusals(counts, summary.recent().stream().map(Shown::of).toList()));
        });
    }
}
