package dev.peerroom.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator with the body cap of {@link HttpLimits}, whose 413 is answered like every
 * other refusal of the server (CORS headers, a text body) instead of Netty's bare one, so a page
 * on an allowed origin can read it.
 */
final class CappedHttpAggregator extends HttpObjectAggregator {
    private final HttpResponder responder;

    CappedHttpAggregator(HttpResponder responder) {
        super(HttpLimits.MAX_CONTENT_BYTES);
        this.responder = responder;
    }

    /**
     * A body declared too large on a keep-alive connection has not been sent yet, or is dropped as
     * it arrives (the aggregator skips it), so the connection stays usable; the handshake deadline
     * bounds how long that takes. A body that grew too large while arriving, or a request without
     * keep-alive, ends the connection.
     */
    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        boolean keepOpen = !(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized);
        responder.status(ctx, keepOpen, oversized.headers().get(HttpHeaderNames.ORIGIN),
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
    }
}
