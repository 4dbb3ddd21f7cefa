package dev.peerroom.transport;

import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.room.PeerConnection;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A peer's WebSocket as the room sees it. Netty channels accept writes from any thread. */
final class ChannelPeerConnection implements PeerConnection {
    static final AttributeKey<ChannelPeerConnection> KEY = AttributeKey.valueOf("peerroom.connection");

    private final Channel channel;
    private final String roomId;
    private static final long CLOSE_LINGER_MS = 1_000;

    private final AtomicBoolean closing = new AtomicBoolean();
    private final long maxBacklogBytes;

    ChannelPeerConnection(Channel channel, String roomId, long maxBacklogBytes) {
        this.channel = channel;
        this.roomId = roomId;
        this.maxBacklogBytes = maxBacklogBytes;
    }

    String roomId() {
        return roomId;
    }

    @Override
    public void send(byte[] frame) {
        if (!closing.get() && !overBacklog()) {
            channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)), channel.voidPromise());
        }
    }

    @Override
    public void deliver(byte[] frame, Runnable onFailure) {
        if (closing.get() || !channel.isActive() || overBacklog()) {
            onFailure.run();
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame))).addListener(f -> {
            if (!f.isSuccess()) {
                onFailure.run();
            }
        });
    }

    @Override
    public void deliverSignal(InboundMessage message, String src, FailedDelivery onFailure) {
        String dst = message.dst();
        if (closing.get() || !channel.isActive() || overBacklog()) {
            onFailure.failed(src, dst);
            return;
        }
        // The whole WebSocket frame in one pooled direct buffer: no byte[] per message, no header
        // buffer, and no copy from heap to direct memory when the socket writes it.
        channel.writeAndFlush(ServerTextFrames.signal(channel.alloc(), message, src),
                new RoutedWrite(channel, src, dst, onFailure));
    }

    /** Whether the socket is still up and no close has begun: only then may it join a room. */
    boolean isOpen() {
        return channel.isActive() && !closing.get();
    }

    @Override
    public void ping() {
        if (!closing.get()) {
            channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
        }
    }

    @Override
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            // RFC 6455 closing handshake: keep reading until the client's Close arrives (the socket
            // handler then closes TCP), so a client still sending gets a clean end, not a reset
            // that would hide the close code. A client that never answers is cut off after a linger.
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason), channel.voidPromise());
            channel.eventLoop().schedule(this::closeAfterLinger, CLOSE_LINGER_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The client has not answered our Close in time. End TCP with a FIN before closing, as the
     * JDK's NIO close does: a client still sending leaves unread bytes here, and a bare close would
     * then answer with a reset, which the client may read before the Close frame it was sent.
     */
    private void closeAfterLinger() {
        if (channel instanceof DuplexChannel duplex && channel.isActive()) {
            duplex.shutdownOutput().addListener(f -> channel.close());
        } else {
            channel.close();
        }
    }

    /**
     * A peer that stops reading must not make the server buffer without bound: past the backlog
     * cap it is closed, and frames that were not written fail (their senders get EXPIRE).
     */
    private boolean overBacklog() {
        if (channel.isWritable() || channel.bytesBeforeWritable() <= maxBacklogBytes) {
            return false;
        }
        if (closing.compareAndSet(false, true)) {
            channel.writeAndFlush(new CloseWebSocketFrame(CloseCodes.POLICY_VIOLATION, "Too slow to read"));
            channel.close();
        }
        return true;
    }

    /** True once the server has sent its Close frame or the socket is gone. */
    boolean isClosing() {
        return closing.get();
    }

    /** Marks the connection closed without a close frame (the socket is already gone). */
    boolean markClosed() {
        return closing.compareAndSet(false, true);
    }

    @Override
    public String describe() {
        return String.valueOf(channel.remoteAddress());
    }

    /** The write's promise is its own failure listener: one object per routed write, no lambda. */
    private static final class RoutedWrite extends DefaultChannelPromise implements ChannelFutureListener {
        private final String src;
        private final String dst;
        private final FailedDelivery onFailure;

        RoutedWrite(Channel channel, String src, String dst, FailedDelivery onFailure) {
            super(channel);
            this.src = src;
            this.dst = dst;
            this.onFailure = onFailure;
            addListener(this);
        }

        @Override
        public void operationComplete(ChannelFuture future) {
            if (!future.isSuccess()) {
                onFailure.failed(src, dst);
            }
        }
    }
}
