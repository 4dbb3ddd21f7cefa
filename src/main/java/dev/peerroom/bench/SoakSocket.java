package dev.peerroom.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One socket of a soak peer, the last handler of its pipeline. It keeps itself alive exactly as
 * the PeerJS client does: Netty's WebSocket handler answers the server's pings, and it sends
 * {@code {"type":"HEARTBEAT"}} every 5 s. Everything it reads goes to the {@link SoakWorld},
 * which judges it; its actions (freeze, LEAVE, abrupt close) run on its event loop.
 */
final class SoakSocket extends ChannelInboundHandlerAdapter {
    /** What close the soak expects for this socket. */
    enum Expect {
        /** None: a close the soak did not cause is a violation. */
        NOTHING,
        /** The soak closes it (or sent LEAVE): any close is fine. */
        ANY,
        /** Frozen for good: the server must close it with 4001. */
        STALE,
        /** Taken over by a new socket with the same id and token: the server closes it with 4000. */
        REPLACED
    }

    final SoakPeer peer;
    final boolean takeover;
    final SoakFreezer freezer = new SoakFreezer();
    private final SoakWorld world;
    private volatile Channel channel;

    // Guarded by the world's lock.
    Expect expect = Expect.NOTHING;
    boolean opened;
    boolean frozen;
    boolean settled;
    /** How long after this socket closes its room gets a new peer (the server may still hold the slot). */
    long replaceDelayMillis = 1_000;

    // Event loop only.
    private int closeCode = -1;
    private String closeReason = "";
    private String refusal;
    private ScheduledFuture<?> heartbeat;

    SoakSocket(SoakWorld world, SoakPeer peer, boolean takeover) {
        this.world = world;
        this.peer = peer;
        this.takeover = takeover;
    }

    EventLoop loop() {
        return channel.eventLoop();
    }

    boolean isActive() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            refusal = "handshake timeout";
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame frame) {
                onText(frame.content());
            } else if (msg instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode();
                closeReason = close.reasonText();
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onText(ByteBuf content) {
        switch (MessageFactory.classify(content)) {
            case OPEN -> {
                startHeartbeat();
                world.judge.onOpen(this);
            }
            case RELAYED -> world.bursts.onRelayed(this, SoakFrames.relayedType(content), SoakFrames.field(content, "src"),
                    SoakFrames.field(content, "dst"), MessageFactory.parseStamp(content));
            case EXPIRE -> world.judge.onExpire(this, SoakFrames.field(content, "src"),
                    SoakFrames.field(content, "dst") != null);
            case LEAVE -> world.judge.onLeave(this, SoakFrames.field(content, "src"),
                    SoakFrames.field(content, "dst") != null);
            default -> {
                String text = SoakFrames.text(content);
                if (refusal == null && !world.isOpened(this)) {
                    refusal = "frame" + BenchConnection.errorCode(content) + " " + text;
                } else {
                    world.judge.onUnexpectedFrame(this, text);
                }
            }
        }
    }

    private void startHeartbeat() {
        long first = ThreadLocalRandom.current().nextLong(BenchConnection.HEARTBEAT_MILLIS);
        heartbeat = channel.eventLoop().scheduleAtFixedRate(this::sendHeartbeat, first,
                BenchConnection.HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sendHeartbeat() {
        if (channel.isActive()) {
            ByteBuf buf = channel.alloc().buffer(MessageFactory.HEARTBEAT.length).writeBytes(MessageFactory.HEARTBEAT);
            channel.writeAndFlush(new TextWebSocketFrame(buf), channel.voidPromise());
        }
    }

    private void stopHeartbeat() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }

    /** Writes registered messages; a message whose write fails was never sent. On the event loop. */
    void send(SoakFrames frames, List<SoakLedger.Msg> messages) {
        Channel ch = channel;
        for (SoakLedger.Msg m : messages) {
            ByteBuf buf = frames.write(ch.alloc(), m.type, m.to.id, m.id);
            ch.write(new TextWebSocketFrame(buf)).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    world.onNotWritten(m.id);
                }
            });
        }
        ch.flush();
    }

    /** Sends LEAVE; the server answers by closing the socket. On the event loop. */
    void sendLeave() {
        ByteBuf buf = channel.alloc().buffer(SoakFrames.LEAVE.length).writeBytes(SoakFrames.LEAVE);
        channel.writeAndFlush(new TextWebSocketFrame(buf), channel.voidPromise());
    }

    /** Stops answering anything, heartbeats included. On the event loop. */
    void freeze() {
        stopHeartbeat();
        freezer.freeze();
    }

    /** Reads what arrived while frozen, and from then on. On the event loop. */
    void thaw() {
        freezer.thaw();
    }

    /**
     * Ends the TCP connection without a WebSocket close frame (the close starts below the
     * WebSocket handlers): a FIN, or with {@code reset} an RST. On the event loop.
     */
    void closeAbruptly(boolean reset) {
        if (!channel.isActive()) {
            return; // closed meanwhile (by the server): that close was reported and judged
        }
        if (reset) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        channel.pipeline().firstContext().close();
    }

    /** Closes with a close frame (1000), as a client that ends its session. Any thread. */
    void closeNormally() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** The TCP connection could not be made. */
    void connectFailed(Throwable cause) {
        world.onClosed(this, -1, "connect failed: " + cause);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (refusal == null) {
            refusal = "exception " + cause;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stopHeartbeat();
        String why = refusal != null ? refusal : closeCode >= 0 ? closeReason : "no close frame";
        world.onClosed(this, closeCode, why);
        super.channelInactive(ctx);
    }
}
