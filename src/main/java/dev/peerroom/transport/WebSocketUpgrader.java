package dev.peerroom.transport;

import dev.peerroom.protocol.Identifiers;
import dev.peerroom.protocol.JoinRequest;
import dev.peerroom.protocol.MessageDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.AttributeKey;

/**
 * Turns an HTTP upgrade into a peer socket: path and origin checks before the handshake, then
 * the frame pipeline, then the join. A refused join is answered over the upgraded socket. With
 * {@code --peerjs-compat}, {@code {base}peerjs} joins peerjs-server's classic namespace: a room
 * of its own whose sockets decode ids with the stock client's grammar.
 */
final class WebSocketUpgrader {
    /** Set by the first upgrade request of a connection (see {@link #upgrade}). */
    private static final AttributeKey<Boolean> UPGRADING = AttributeKey.valueOf("peerroom.upgrading");

    private final ServerContext context;
    private final Cors cors;
    private final HttpResponder responder;
    private final HttpEdge edge;
    private final WebSocketDecoderConfig decoderConfig;
    private final MessageDecoder classicDecoder = MessageDecoder.classic();

    WebSocketUpgrader(ServerContext context, Cors cors, HttpResponder responder, HttpEdge edge) {
        this.context = context;
        this.cors = cors;
        this.responder = responder;
        this.edge = edge;
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(context.config().maxMessageBytes())
                .allowExtensions(false)
                .allowMaskMismatch(false)
                .closeOnProtocolViolation(true)
                .build();
    }

    /** Unread output a socket may pile up: a few of the largest messages. */
    static long maxBacklogBytes(ServerContext context) {
        return 4L * context.config().maxMessageBytes();
    }

    void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, ChannelHandler httpHandler,
                 QueryStringDecoder uri, String origin) {
        // A second request pipelined behind an upgrade (same TCP read) must not move or hand-shake the
        // channel again: a second move fails in epoll (EEXIST; an assertion with -ea) and leaks the
        // retained request, a second handshake throws. Nothing but frames may follow an upgrade.
        if (ctx.channel().attr(UPGRADING).setIfAbsent(Boolean.TRUE) != null) {
            ctx.close();
            return;
        }
        // Every attempt counts, whatever its path or origin: the limit is on what a client may try.
        EdgeGuard guard = EdgeGuard.of(ctx.pipeline());
        if (guard != null && !edge.upgrades().tryAcquire(guard.client(), edge.now())) {
            responder.refuse(ctx, origin, HttpResponseStatus.TOO_MANY_REQUESTS, "Too many upgrades from your address",
                    1);
            return;
        }
        boolean classic = context.paths().isClassicSocket(uri.path());
        String room = classic ? Identifiers.CLASSIC_ROOM : context.paths().socketRoom(uri.path());
        if (room == null) {
            responder.status(ctx, false, origin, HttpResponseStatus.NOT_FOUND);
            return;
        }
        if (!cors.allows(origin)) {
            responder.status(ctx, false, origin, HttpResponseStatus.FORBIDDEN);
            return;
        }
        JoinRequest join = classic ? JoinRequest.classic(uri.parameters()) : JoinRequest.of(room, uri.parameters());
        if (context.joinGate().refusal(join) != null) {
            handshake(ctx, req, httpHandler, uri, origin, room, join); // refused after the upgrade: stays put
            return;
        }
        // The request is released when this read returns; the handshake may run after the move.
        req.retain();
        Channel channel = ctx.channel();
        RoomLoops.moveTo(channel, context.registry().executor(room)).addListener(moved -> {
            try {
                // Closed during the move (a pipelined second request, a reset): its handlers are
                // gone, and there is nobody to hand-shake with.
                if (moved.isSuccess() && channel.isActive() && ctx.pipeline().context(httpHandler) != null) {
                    handshake(ctx, req, httpHandler, uri, origin, room, join);
                }
            } finally {
                req.release();
            }
        });
    }

    private void handshake(ChannelHandlerContext ctx, FullHttpRequest req, ChannelHandler httpHandler,
                           QueryStringDecoder uri, String origin, String room, JoinRequest join) {
        String url = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + uri.path();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, decoderConfig)
                .newHandshaker(req);
        Channel channel = ctx.channel();
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            return;
        }
        ChannelPeerConnection connection = new ChannelPeerConnection(channel, room, maxBacklogBytes(context));
        PeerSocketHandler socketHandler = new PeerSocketHandler(context.registry(),
                join.isClassic() ? classicDecoder : context.decoder(), connection);
        ChannelFuture handshake;
        try {
            handshake = handshaker.handshake(channel, req);
        } catch (WebSocketHandshakeException e) {
            responder.status(ctx, false, origin, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        channel.attr(ChannelPeerConnection.KEY).set(connection);
        context.sockets().add(channel);
        EdgeGuard guard = EdgeGuard.of(ctx.pipeline());
        handshake.addListener(f -> {
            if (f.isSuccess()) {
                if (guard != null) {
                    guard.upgraded(channel.pipeline()); // the heartbeat rules take over from the handshake timeout
                }
                socketHandler.start(join);
            } else {
                channel.close();
            }
        });
        ctx.pipeline().replace(httpHandler, "ws-aggregator",
                new WebSocketFrameAggregator(context.config().maxMessageBytes()));
        ctx.pipeline().addLast("peer-socket", socketHandler);
    }
}
