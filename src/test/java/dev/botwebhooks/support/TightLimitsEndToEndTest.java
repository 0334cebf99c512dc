package dev.botwebhooks.support;

import org.springframework.test.context.TestPropertySource;

/**
 * End-to-end tests of the traffic limits, in one application context with small limits so that
 * crossing them is fast. The loopback address is a trusted proxy, so tests choose the client's
 * address with {@code X-Forwarded-For}, and it is exempt from the ban filter.
 */
@TestPropertySource(properties = {
        "webhooks.admission.trusted-proxies=127.0.0.1/32,::1/128",
        "webhooks.admission.ban-exempt-ips=127.0.0.1,::1," + TightLimitsEndToEndTest.GLOBALLY_EXEMPT,
        "webhooks.admission.ban-threshold=" + TightLimitsEndToEndTest.BAN_THRESHOLD,
        "webhooks.admission.ban-window=1m",
        "webhooks.admission.ban-duration=1m",
        "webhooks.pipeline.workers=4",
        "webhooks.pipeline.queue-capacity=4",
        "webhooks.pipeline.max-queued-per-bot=2",
        "webhooks.script.cpu-time=200ms",
        "webhooks.script.wall-time=2s",
        "webhooks.script.max-answer-size=64KB",
        "webhooks.ingress.max-body-size=64KB",
        "webhooks.ingress.max-initial-line-length=2KB",
        "webhooks.ingress.max-header-size=4KB",
        "webhooks.ingress.header-timeout=2s",
        "webhooks.ingress.read-timeout=1s",
        "webhooks.ingress.request-timeout=2s"})
public abstract class TightLimitsEndToEndTest extends EndToEndTest {

    public static final String GLOBALLY_EXEMPT = "198.51.100.200";
    public static final int BAN_THRESHOLD = 5;
}
