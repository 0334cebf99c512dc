package dev.botwebhooks.ingress;

import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.metrics.Rejections;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on open connections. One past it is answered at once, on its event loop, with a fixed 503 and
 * {@code Retry-After} and closed, whatever its request: beyond the bound a client learns in a round trip
 * that it should come back, instead of waiting seconds in the accept queue or behind the others.
 */
final class ConnectionLimit {

    static final String NAME = "webhooks.connectionLimit";

    private static final String BODY = "{\"error\":\"too many connections\"}";
    private static final byte[] REFUSAL = ("HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Type: application/json\r\n"
            + "Retry-After: 1\r\n"
            + "Connection: close\r\n"
            + "Content-Length: " + BODY.length() + "\r\n"
            + "\r\n"
            + BODY).getBytes(StandardCharsets.US_ASCII);

    private final int max;
    private final Rejections rejections;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimit(int max, Rejections rejections) {
        this.max = max;
        this.rejections = rejections;
    }

    /** Counts {@code channel} until it closes; one past the bound gets the refusal in front of everything else. */
    void attach(Channel channel) {
        int now = open.incrementAndGet();
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        if (now > max) {
            rejections.count(Rejection.TOO_MANY_CONNECTIONS);
            channel.pipeline().addFirst(NAME, new Refusal());
        }
    }

    int open() {
        return open.get();
    }

    /** Answers the connection's first bytes with the refusal, swallows the rest, and closes. */
    private static final class Refusal extends ChannelInboundHandlerAdapter {

        private boolean answered;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            if (!answered) {
                answered = true;
                ByteBuf refusal = Unpooled.wrappedBuffer(REFUSAL);
                ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
