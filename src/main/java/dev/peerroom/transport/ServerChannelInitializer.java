package dev.peerroom.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The pipeline of every accepted connection: HTTP first; upgrades rebuild it for WebSocket.
 * Typed on {@link Channel}, not SocketChannel: nothing here needs a socket, and the pipeline must
 * also build on other transports (an EmbeddedChannel in tests, a Unix domain socket).
 */
public final class ServerChannelInitializer extends ChannelInitializer<Channel> {
    /** Requests to this server carry no bodies worth more than this. */
    private static final int MAX_HTTP_CONTENT = 64 * 1024;

    private final HttpRequestHandler httpHandler;

    public ServerChannelInitializer(ServerContext context) {
        this.httpHandler = new HttpRequestHandler(context, new Cors(context.config().allowedOrigins()));
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast("http-codec", new HttpServerCodec())
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_CONTENT))
                .addLast("http-handler", httpHandler);
    }
}
