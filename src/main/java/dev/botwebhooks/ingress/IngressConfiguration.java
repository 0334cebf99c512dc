package dev.botwebhooks.ingress;

import dev.botwebhooks.metrics.Rejections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Applies {@code webhooks.ingress.*} timeouts and the connection bound, and the access log when
 * {@code webhooks.access-log.enabled}, to the Reactor Netty server. The request-line and
 * header limits go through Spring Boot's own {@code server.*} keys (application.yaml maps them from
 * ours): Boot sets Netty's request decoder after every customizer, so a decoder set here is lost.
 */
@Configuration(proxyBeanMethods = false)
class IngressConfiguration {

    /** Off by default: one line per request is much log volume for a webhook endpoint. */
    @Bean
    NettyServerCustomizer accessLog(AccessLogProperties accessLog) {
        return server -> accessLog.enabled() ? server.accessLog(true, AccessLogLine::of) : server;
    }

    @Bean
    NettyServerCustomizer ingressLimits(IngressProperties ingress, Rejections rejections, MeterRegistry registry) {
        long headerDeadlineMillis = ingress.headerTimeout().toMillis();
        ConnectionLimit connections = new ConnectionLimit(ingress.maxConnections(), rejections);
        // The connection count the limit keeps anyway; Reactor Netty's own server metrics, which would give it,
        // time every request a second time (webhook.requests does) at a cost per webhook.
        Gauge.builder("server.connections.open", connections, ConnectionLimit::open)
                .description("Open connections on the public port, refused ones included until they close")
                .register(registry);
        return server -> server
                .readTimeout(ingress.readTimeout())
                .requestTimeout(ingress.requestTimeout())
                // Reactor Netty's idle timeout restarts on every byte; the header deadline does not.
                .idleTimeout(ingress.headerTimeout())
                .doOnChannelInit((observer, channel, remote) -> {
                    HeaderDeadline deadline = new HeaderDeadline(headerDeadlineMillis, rejections);
                    channel.pipeline().addFirst(HeaderDeadline.NAME + ".bytes", deadline.bytesSeen());
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        channel.pipeline().addAfter(NettyPipeline.HttpCodec, HeaderDeadline.NAME, deadline);
                    } else {
                        channel.pipeline().addLast(HeaderDeadline.NAME, deadline);
                    }
                    connections.attach(channel);
                });
    }
}
