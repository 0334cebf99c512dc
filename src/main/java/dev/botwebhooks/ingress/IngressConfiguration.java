package dev.botwebhooks.ingress;

import dev.botwebhooks.config.WebhooksProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Applies {@code webhooks.ingress.*} to the Reactor Netty server. */
@Configuration(proxyBeanMethods = false)
class IngressConfiguration {

    @Bean
    NettyServerCustomizer ingressLimits(WebhooksProperties properties) {
        WebhooksProperties.Ingress ingress = properties.ingress();
        long headerDeadlineMillis = ingress.headerTimeout().toMillis();
        return server -> server
                // Netty answers 414 for a longer request line and 431 for larger headers.
                .httpRequestDecoder(decoder -> decoder
                        .maxInitialLineLength(Math.toIntExact(ingress.maxInitialLineLength().toBytes()))
                        .maxHeaderSize(Math.toIntExact(ingress.maxHeaderSize().toBytes())))
                .readTimeout(ingress.readTimeout())
                .requestTimeout(ingress.requestTimeout())
                // Reactor Netty's idle timeout restarts on every byte; the header deadline does not.
                .idleTimeout(ingress.headerTimeout())
                .doOnChannelInit((observer, channel, remote) -> {
                    HeaderDeadline deadline = new HeaderDeadline(headerDeadlineMillis);
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        channel.pipeline().addAfter(NettyPipeline.HttpCodec, HeaderDeadline.NAME, deadline);
                    } else {
                        channel.pipeline().addLast(HeaderDeadline.NAME, deadline);
                    }
                });
    }
}
