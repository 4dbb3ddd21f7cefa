package dev.peerroom.transport;

import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.JoinRequest;
import dev.peerroom.protocol.MessageDecoder;
import dev.peerroom.protocol.OutboundFrames;
import dev.peerroom.room.RoomRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts one upgraded socket to its room: decodes frames on the socket's own thread and hands
 * them to the room registry. Holds no room rules.
 */
final class PeerSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(PeerSocketHandler.class);
    private static final InboundMessage BINARY = InboundMessage.invalid("binary frame");

    private final RoomRegistry registry;
    private final MessageDecoder decoder;
    private final ChannelPeerConnection connection;
    private boolean joined;

    PeerSocketHandler(RoomRegistry registry, MessageDecoder decoder, ChannelPeerConnection connection) {
        this.registry = registry;
        this.decoder = decoder;
        this.connection = connection;
    }

    /**
     * Acts on the join gate's verdict (the upgrader has the gate judge every join, tokens
     * included), then asks the room; a refusal is one ERROR frame, then 1008.
     */
    void start(JoinRequest request) {
        ErrorCode refusal = request.verdict();
        if (refusal != null) {
            String reason = request.verdictReason();
            log.debug("join refused from {}: {}{}", connection.describe(), refusal,
                    reason == null ? "" : " (" + reason + ")");
            registry.metrics().error(refusal);
            connection.send(OutboundFrames.error(refusal));
            connection.close(CloseCodes.POLICY_VIOLATION, refusal.message());
            return;
        }
        if (!connection.isOpen()) {
            // Closed between the 101 and now (e.g. a second request pipelined behind the upgrade):
            // its close has gone by without us, so joining now would leave a ghost until it expired.
            return;
        }
        joined = true;
        registry.join(request.roomId(), request.peerId(), request.token(), connection);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            long receivedNanos = System.nanoTime();
            ByteBuf content = frame.content();
            int length = content.readableBytes();
            byte[] bytes = InboundScratch.get(length);
            content.getBytes(content.readerIndex(), bytes, 0, length);
            InboundMessage message = decoder.decode(bytes, 0, length);
            if (log.isDebugEnabled()) {
                log.debug("room={} from {}: {}", connection.roomId(), connection.describe(),
                        content.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
            toRoom(message, receivedNanos);
        } else if (frame instanceof BinaryWebSocketFrame) {
            toRoom(BINARY, System.nanoTime());
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            heard();
        } else if (frame instanceof PongWebSocketFrame) {
            heard();
        } else if (frame instanceof CloseWebSocketFrame) {
            if (connection.markClosed()) {
                ctx.writeAndFlush(new CloseWebSocketFrame(closeEcho((CloseWebSocketFrame) frame), null))
                        .addListener(f -> ctx.close());
            } else {
                ctx.close(); // The client answered our Close: the handshake is complete.
            }
        }
    }

    private void toRoom(InboundMessage message, long receivedNanos) {
        if (joined && !connection.isClosing()) {
            registry.message(connection.roomId(), connection, message, receivedNanos);
        }
    }

    private void heard() {
        if (joined) {
            registry.pong(connection.roomId(), connection);
        }
    }

    /** RFC 6455 5.5.1: echo the peer's status code; a close without one is answered with 1000. */
    private static int closeEcho(CloseWebSocketFrame frame) {
        int code = frame.statusCode();
        return code < 0 ? CloseCodes.NORMAL : code;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.markClosed();
        if (joined) {
            registry.closed(connection.roomId(), connection);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            connection.close(CloseCodes.MESSAGE_TOO_BIG, "Message too big");
        } else if (cause instanceof PrematureChannelClosureException) {
            // The client went away inside a fragmented message: an ordinary disconnect.
            log.debug("{} closed inside a fragmented message", connection.describe());
        } else if (cause instanceof CorruptedWebSocketFrameException) {
            // The frame decoder already sent the matching close frame (1002, 1007 or 1009).
            connection.markClosed();
            log.debug("corrupt frame from {}: {}", connection.describe(), cause.getMessage());
        } else {
            if (!(cause instanceof IOException)) {
                log.warn("closing {} after an unexpected error", connection.describe(), cause);
            }
            connection.markClosed();
            ctx.close();
        }
    }
}
