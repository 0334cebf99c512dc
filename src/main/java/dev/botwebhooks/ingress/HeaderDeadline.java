package dev.botwebhooks.ingress;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose next request line and headers have not all arrived within the
 * deadline, counted from the connection's start or from the end of its previous response. A
 * read timeout restarts with every byte, so a client sending one byte a second would otherwise
 * hold the connection for ever. Lives on the channel's event loop: no locking needed.
 */
final class HeaderDeadline extends ChannelDuplexHandler {

    static final String NAME = "webhooks.headerDeadline";

    private final long deadlineMillis;
    private ScheduledFuture<?> timer;
    private long requests;
    private long responses;

    HeaderDeadline(long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            requests++;
            disarm();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent) {
            responses++;
            // A pipelined request that is already in needs no deadline.
            if (responses >= requests) {
                arm(ctx);
            }
        }
        super.write(ctx, msg, promise);
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> {
            ctx.close();
        }, deadlineMillis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
