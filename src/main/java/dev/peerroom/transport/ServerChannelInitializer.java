package dev.peerroom.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/**
 * The pipeline of every accepted connection: HTTP first; upgrades rebuild it for WebSocket.
 * Typed on {@link Channel}, not SocketChannel: nothing here needs a socket, and the pipeline must
 * also build on other transports (an EmbeddedChannel in tests, a Unix domain socket).
 */
public final class ServerChannelInitializer extends ChannelInitializer<Channel> {
    private final HttpEdge edge;
    private final HttpResponder responder;
    private final HttpRequestHandler httpHandler;

    /**
     * A pipeline with the node's edge limits. The caller owns {@code edge} and must run its
     * {@link HttpEdge#sweep()} periodically, or handshake deadlines are never enforced.
     */
    public ServerChannelInitializer(ServerContext context, HttpEdge edge) {
        this.edge = edge;
        Cors cors = new Cors(context.config().allowedOrigins());
        this.responder = new HttpResponder(cors);
        this.httpHandler = new HttpRequestHandler(context, responder,
                new WebSocketUpgrader(context, cors, responder, edge));
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast("http-codec", HttpLimits.serverCodec())
                .addLast("http-aggregator", new CappedHttpAggregator(responder))
                .addLast(EdgeGuard.NAME, new EdgeGuard(edge, responder))
                .addLast("http-handler", httpHandler);
    }
}
