package dev.botwebhooks.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalRecorderTest {

    @Test
    void leavesTheSignatureOutOfThePath() {
        assertThat(RefusalRecorder.withoutSig("/v1/bots/1/new-webhook", "command=%2Fa&sig=abc&user_id=2"))
                .isEqualTo("/v1/bots/1/new-webhook?command=%2Fa&user_id=2");
        assertThat(RefusalRecorder.withoutSig("/v1/bots/1/new-webhook", "sig=abc")).isEqualTo("/v1/bots/1/new-webhook");
        assertThat(RefusalRecorder.withoutSig("/v1/bots/1/new-webhook", null)).isEqualTo("/v1/bots/1/new-webhook");
    }
}
