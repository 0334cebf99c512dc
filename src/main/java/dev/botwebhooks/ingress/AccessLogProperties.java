package dev.botwebhooks.ingress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether every request on the public port is logged, one line each, to the logger
 *                {@code reactor.netty.http.server.AccessLog}: peer address, method, path without its query
 *                (webhook URLs carry their signature there), protocol, status, bytes sent, milliseconds
 */
@ConfigurationProperties("webhooks.access-log")
public record AccessLogProperties(@DefaultValue("false") boolean enabled) {
}
