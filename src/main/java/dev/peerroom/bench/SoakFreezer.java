package dev.peerroom.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * The first handler of a soak socket, before any decoder. While frozen it keeps the bytes that
 * arrive instead of passing them on, so nothing above it runs: no ping is answered (Netty's
 * WebSocket handler would answer it), no frame is read. The socket is then half-dead, like a
 * browser whose machine went to sleep: TCP is up, but the server hears nothing.
 *
 * <p>Thawing, or the socket closing, passes the kept bytes on in order, so whatever the server
 * wrote meanwhile (relayed messages, its close frame and code) is still seen. Only the event loop
 * touches it.
 */
final class SoakFreezer extends ChannelInboundHandlerAdapter {
    private final ArrayDeque<Object> kept = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean frozen;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Stops passing bytes on. Event loop only. */
    void freeze() {
        frozen = true;
    }

    /** Passes on what was kept, then everything that follows. Event loop only. */
    void thaw() {
        if (!frozen) {
            return;
        }
        frozen = false;
        replay();
    }

    private void replay() {
        if (kept.isEmpty()) {
            return;
        }
        while (!kept.isEmpty()) {
            ctx.fireChannelRead(kept.poll());
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (frozen) {
            kept.add(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!frozen) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // The server closed a frozen socket: its last frames (the close code above all) are read
        // before the socket is reported closed.
        frozen = false;
        replay();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        while (!kept.isEmpty()) {
            ReferenceCountUtil.release(kept.poll());
        }
    }
}
