package dev.botwebhooks.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * @param allowedRanges         CIDRs a script may reach although they are internal (loopback, private, link-local...)
 * @param timeout               one request, connect to last byte
 * @param maxResponseSize       a larger response body fails the request (error command, {@code response_too_large})
 * @param maxConcurrentPerBot   one bot's requests in flight; more wait for the next poll
 * @param maxConcurrent         all requests in flight on this replica
 * @param maxRedirects          redirects followed when a script asks for it
 * @param pollInterval          how often pending requests are looked for (a commit also wakes the worker)
 * @param batchSize             requests claimed per poll
 * @param lease                 a claim's length: a replica that crashed mid-request is replaced after it
 * @param enabled               whether this replica sends requests
 */
@ConfigurationProperties("webhooks.http")
public record OutboundProperties(
        @DefaultValue("") List<String> allowedRanges,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1MB") DataSize maxResponseSize,
        @DefaultValue("4") int maxConcurrentPerBot,
        @DefaultValue("64") int maxConcurrent,
        @DefaultValue("5") int maxRedirects,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("16") int batchSize,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("true") boolean enabled) {
}
