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

    /** 401 for a request without the admin token ({@code whatNeedsIt} says why) or with a wrong one. */
    static void unauthorized(ChannelHandlerContext ctx, boolean keepAlive, AdminAuth.Verdict verdict,
                             String whatNeedsIt) {
        boolean missing = verdict == AdminAuth.Verdict.MISSING;
        json(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED,
                OperatorJson.error(missing ? whatNeedsIt : "The admin token is not valid."),
                HttpHeaderNames.WWW_AUTHENTICATE.toString(),
                missing ? AdminAuth.CHALLENGE : AdminAuth.INVALID_TOKEN_CHALLENGE);
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
