package dev.botwebhooks.ingress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The Netty edge.
 *
 * @param maxBodySize           largest webhook body read; a larger one is answered 413
 * @param maxInitialLineLength  longest request line (method, URL, version); longer is answered 414
 * @param maxHeaderSize         all request headers together; more is answered 431
 * @param headerTimeout         from a connection's start, or the end of its previous response, until the
 *                              next request's headers are in; a client that trickles bytes is disconnected
 * @param readTimeout           longest pause between two reads of a request body
 * @param requestTimeout        longest time to read a whole request body
 * @param maxConnections        open connections; one more is answered 503 with Retry-After at once and closed
 */
@ConfigurationProperties("webhooks.ingress")
public record IngressProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("8KB") DataSize maxInitialLineLength,
        @DefaultValue("16KB") DataSize maxHeaderSize,
        @DefaultValue("10s") Duration headerTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("1024") int maxConnections) {
}
