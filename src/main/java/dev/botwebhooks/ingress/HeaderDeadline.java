package dev.botwebhooks.ingress;

import dev.botwebhooks.metrics.Rejection;
import dev.botwebhooks.metrics.Rejections;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
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
    private final Rejections rejections;
    private ScheduledFuture<?> timer;
    /** Whether bytes of a request came in since the deadline was armed: an idle keep-alive connection is no slow client. */
    private boolean started;
    private long requests;
    private long responses;

    HeaderDeadline(long deadlineMillis, Rejections rejections) {
        this.deadlineMillis = deadlineMillis;
        this.rejections = rejections;
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
        // Netty refuses an oversized request line or header block itself; this is where the app sees it.
        if (msg instanceof HttpResponse response) {
            if (response.status().code() == HttpResponseStatus.REQUEST_URI_TOO_LONG.code()) {
                rejections.count(Rejection.REQUEST_LINE_TOO_LONG);
            } else if (response.status().code() == HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.code()) {
                rejections.count(Rejection.HEADERS_TOO_LARGE);
            }
        }
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
        started = false;
        timer = ctx.executor().schedule(() -> {
            if (started) {
                rejections.count(Rejection.SLOW_CLIENT);
            }
            ctx.close();
        }, deadlineMillis, TimeUnit.MILLISECONDS);
    }

    /** The handler to put before the HTTP codec: it sees the raw bytes this one cannot. */
    ChannelInboundHandlerAdapter bytesSeen() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                started = true;
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
