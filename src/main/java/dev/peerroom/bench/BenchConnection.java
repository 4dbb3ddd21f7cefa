package dev.peerroom.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One generator socket, the last handler of its pipeline. It reports its OPEN (or its failure)
 * to the {@link ConnectStorm} exactly once, sends HEARTBEAT every 5 s like the PeerJS client,
 * sends relay messages for the {@link RateScheduler}, and records every relayed message it
 * receives in its loop's {@link LoopStats}.
 */
final class BenchConnection extends ChannelInboundHandlerAdapter {
    static final long HEARTBEAT_MILLIS = 5_000;

    final Topology.PeerSpec spec;
    final byte[][] dstTails;
    private final int maskKey;
    private final byte[][] maskedOfferTails;
    private final byte[][] maskedCandidateTails;
    private final BenchClient client;
    private final ConnectStorm storm;
    private Channel channel;
    private LoopStats stats;
    private long upgradeStart;
    private boolean settled;
    private volatile boolean open;
    private volatile boolean closedByUs;
    private int closeCode = -1;
    private String closeReason = "";
    private ScheduledFuture<?> heartbeat;

    BenchConnection(Topology.PeerSpec spec, BenchClient client, ConnectStorm storm) {
        this.spec = spec;
        this.client = client;
        this.storm = storm;
        int mates = spec.mates().size();
        this.dstTails = new byte[mates][];
        this.maskKey = MaskedFrames.keyFor(spec.index());
        this.maskedOfferTails = new byte[mates][];
        this.maskedCandidateTails = new byte[mates][];
        for (int i = 0; i < mates; i++) {
            dstTails[i] = MessageFactory.dstTail(spec.mates().get(i));
            maskedOfferTails[i] = client.frames().maskTail(dstTails[i], maskKey, true);
            maskedCandidateTails[i] = client.frames().maskTail(dstTails[i], maskKey, false);
        }
    }

    Channel channel() {
        return channel;
    }

    LoopStats stats() {
        return stats;
    }

    boolean isOpen() {
        return open && channel.isActive();
    }

    /** Closes this socket on purpose (with a close frame); not counted as an error. */
    void closeQuietly() {
        closedByUs = true;
        if (channel != null) {
            channel.close();
        }
    }

    /** The TCP connection is up: the upgrade request goes out now. */
    void connected(long nanos) {
        upgradeStart = nanos;
    }

    /** The TCP connection could not be made. */
    void connectFailed(Throwable cause) {
        settle("connect failed", String.valueOf(cause));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        stats = client.statsFor(channel.eventLoop());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            settle("handshake timeout", spec.uri().toString());
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
        MessageFactory.Kind kind = MessageFactory.classify(content);
        if (kind == MessageFactory.Kind.RELAYED) {
            long stamp = MessageFactory.parseStamp(content);
            if (stamp >= 0) {
                stats.onReceive(client.epoch() + stamp, System.nanoTime());
            } else {
                client.errors().record("frame without a stamp", text(content));
            }
            return;
        }
        switch (kind) {
            case OPEN -> onOpen();
            case OTHER -> client.errors().record("frame unknown", text(content));
            default -> {
                String type = "frame " + kind + errorCode(content);
                if (!settled) {
                    settle(type, text(content));
                } else {
                    client.errors().record(type, text(content));
                }
            }
        }
    }

    private void onOpen() {
        if (settled) {
            client.errors().record("frame OPEN again", null);
            return;
        }
        open = true;
        long now = System.nanoTime();
        long first = ThreadLocalRandom.current().nextLong(HEARTBEAT_MILLIS);
        heartbeat = channel.eventLoop().scheduleAtFixedRate(this::sendHeartbeat, first, HEARTBEAT_MILLIS,
                TimeUnit.MILLISECONDS);
        settled = true;
        storm.onOpen(this, now - upgradeStart);
    }

    private void sendHeartbeat() {
        if (channel.isActive() && channel.isWritable()) {
            ByteBuf buf = channel.alloc().directBuffer(MessageFactory.HEARTBEAT.length);
            buf.writeBytes(MessageFactory.HEARTBEAT);
            channel.writeAndFlush(new TextWebSocketFrame(buf), channel.voidPromise());
        }
    }

    /**
     * Sends one relay message stamped {@code stamp}, as a ready-made masked frame (see
     * {@link MaskedFrames}; the WebSocket encoder passes a ByteBuf through); false when the
     * socket cannot take it.
     */
    boolean send(boolean offer, int mate, long stamp, byte[] scratch) {
        Channel ch = channel;
        if (!open || !ch.isWritable()) {
            return false;
        }
        byte[] tail = offer ? maskedOfferTails[mate] : maskedCandidateTails[mate];
        MaskedFrames frames = client.frames();
        ByteBuf buf = ch.alloc().directBuffer(frames.frameLength(offer, tail.length));
        frames.write(buf, offer, maskKey, tail, stamp - client.epoch(), scratch);
        ch.writeAndFlush(buf, ch.voidPromise());
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!settled) {
            settle("handshake failed", String.valueOf(cause.getMessage()));
        } else if (!client.isClosing()) {
            client.errors().record("exception " + cause.getClass().getSimpleName(), String.valueOf(cause));
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        boolean wasOpen = open;
        open = false;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        String code = closeCode < 0 ? "close (no close frame)" : "close " + closeCode;
        if (!settled) {
            settle(code, closeReason);
        } else if (wasOpen && !client.isClosing() && !closedByUs) {
            client.errors().record(code, spec.id() + ": " + closeReason);
        }
        super.channelInactive(ctx);
    }

    private void settle(String kind, String detail) {
        if (settled) {
            return;
        }
        settled = true;
        if (channel != null && channel.isActive()) {
            channel.close();
        }
        storm.onFailed(this, kind, spec.id() + ": " + detail);
    }

    /** " CODE" of an ERROR frame's {@code "code":"CODE"}, or "" (errors are rare: a String is fine). */
    static String errorCode(ByteBuf content) {
        String t = text(content);
        int at = t.indexOf("\"code\":\"");
        if (at < 0) {
            return "";
        }
        int from = at + 8;
        int to = t.indexOf('"', from);
        return to < 0 ? "" : " " + t.substring(from, to);
    }

    private static String text(ByteBuf content) {
        int n = Math.min(content.readableBytes(), 200);
        return content.toString(content.readerIndex(), n, StandardCharsets.UTF_8);
    }
}
