package dev.peerroom.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;

/**
 * One connection's standing at the edge until it is a WebSocket: its handshake deadline, the
 * client address of its requests, and its place in the per-address connection count. It sits
 * after the HTTP aggregator, so it sees whole requests, and the upgrade removes it.
 *
 * <p>Where the connection is counted: a connection from an ordinary peer is counted against the
 * peer's address as soon as it is accepted, so connections that never finish a request count too.
 * A connection from a trusted proxy is not counted against the proxy: its client is known only
 * from the X-Forwarded-For of a request, so it is counted when its first request has been read, and
 * moves to another address if a later request on it names another client.
 *
 * <p>A connection over the limit is answered 429 with {@code Connection: close} when its request
 * has been read, and closed. It is not answered at once: a response written before the request
 * arrives may be lost to the TCP reset that closing an unread socket causes. Until its request
 * arrives it is not counted and its handshake deadline applies as to any other.
 */
final class EdgeGuard extends ChannelInboundHandlerAdapter {
    static final String NAME = "edge-guard";

    private final HttpEdge edge;
    private final HttpResponder responder;
    private HandshakeDeadlines.Deadline deadline;
    private InetAddress peer;
    /** The client address of the latest request (the peer's before the first one). */
    private InetAddress client;
    /** The address this connection is counted against, or null. */
    private InetAddress counted;
    private boolean overLimit;

    EdgeGuard(HttpEdge edge, HttpResponder responder) {
        this.edge = edge;
        this.responder = responder;
    }

    /** The guard of a connection that is not a WebSocket yet, or null. */
    static EdgeGuard of(ChannelPipeline pipeline) {
        return pipeline.get(EdgeGuard.class);
    }

    /** Where the latest request came from; null when the peer has no IP address. */
    InetAddress client() {
        return client;
    }

    /**
     * The upgrade is done: no handshake deadline from now on, and no guard on the frame path. If
     * the deadline expired first, the upgrade came too late and the connection is closed.
     */
    void upgraded(ChannelPipeline pipeline) {
        if (!deadline.disarm()) {
            pipeline.channel().close();
        }
        if (pipeline.get(EdgeGuard.class) == this) {
            pipeline.remove(this);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        deadline = edge.deadlines().arm(channel, edge.now());
        peer = ClientAddresses.ipOf(channel.remoteAddress());
        client = peer;
        ConnectionCounter connections = edge.connections();
        if (peer != null && connections.limited() && !edge.addresses().isTrusted(peer)) {
            if (connections.tryAcquire(peer)) {
                counted = peer;
            } else {
                overLimit = true;
            }
        }
        channel.closeFuture().addListener(f -> closed());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest req) {
            deadline.restart(edge.now());
            // A request the codec could not read is answered (and the connection closed) by the handler.
            if (req.decoderResult().isSuccess() && !admit(req)) {
                String origin = req.headers().get(HttpHeaderNames.ORIGIN);
                req.release();
                responder.refuse(ctx, origin, HttpResponseStatus.TOO_MANY_REQUESTS,
                        "Too many connections from your address", 0);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Resolves the request's client and keeps the connection counted against it; false when over the limit. */
    private boolean admit(FullHttpRequest req) {
        if (overLimit) {
            return false;
        }
        ClientAddresses addresses = edge.addresses();
        if (peer == null || !addresses.isTrusted(peer)) {
            return true; // counted at accept, and X-Forwarded-For from an untrusted peer means nothing
        }
        client = addresses.resolve(peer, req.headers().getAll(ClientAddresses.X_FORWARDED_FOR));
        ConnectionCounter connections = edge.connections();
        if (!connections.limited() || client.equals(counted)) {
            return true;
        }
        if (!connections.tryAcquire(client)) {
            overLimit = true;
            return false;
        }
        if (counted != null) {
            connections.release(counted);
        }
        counted = client;
        return true;
    }

    private void closed() {
        if (counted != null) {
            edge.connections().release(counted);
            counted = null;
        }
        if (deadline != null) {
            deadline.disarm();
        }
    }
}
