package dev.peerroom.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Responses of the operator's pages and APIs (admin API, status page). Unlike the PeerJS API they
 * carry no CORS headers: only same-origin pages and non-browser clients have any business here.
 */
final class OperatorReplies {
    private OperatorReplies() {
    }

    /** A JSON body; {@code headerPairs} are extra name, value pairs. */
    static void json(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String body,
                     String... headerPairs) {
        send(ctx, keepAlive, status, HttpResponder.JSON, body.getBytes(StandardCharsets.UTF_8), headerPairs);
    }

    static void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String contentType,
                     byte[] body, String... headerPairs) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff");
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            response.headers().set(headerPairs[i], headerPairs[i + 1]);
        }
        HttpResponder.write(ctx, keepAlive, response);
    }
}
