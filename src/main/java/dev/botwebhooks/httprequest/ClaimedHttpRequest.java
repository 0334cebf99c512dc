package dev.botwebhooks.httprequest;

import java.util.UUID;

/**
 * A stored request this replica claimed to send.
 *
 * @param callId   the call whose run asked for it; null when that call was deleted since
 * @param claim    completing the request requires the claim still to be ours
 */
public record ClaimedHttpRequest(long id, long botId, Long callId, Long userId, ScriptHttpRequest request, UUID claim,
        int attempts) {
}
