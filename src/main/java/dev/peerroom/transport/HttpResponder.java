package dev.peerroom.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Writes one complete HTTP response with CORS headers, honouring keep-alive. */
final class HttpResponder {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    private final Cors cors;

    HttpResponder(Cors cors) {
        this.cors = cors;
    }

    void send(ChannelHandlerContext ctx, boolean keepAlive, String origin, HttpResponseStatus status,
              String contentType, String body) {
        FullHttpResponse response = response(status, contentType, body);
        cors.apply(origin, response.headers());
        write(ctx, keepAlive, response);
    }

    void preflight(ChannelHandlerContext ctx, boolean keepAlive, String origin, String requestedHeaders) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        cors.applyPreflight(origin, requestedHeaders, response.headers());
        write(ctx, keepAlive, response);
    }

    /** A status with its reason phrase as the body. */
    void status(ChannelHandlerContext ctx, boolean keepAlive, String origin, HttpResponseStatus status) {
        send(ctx, keepAlive, origin, status, TEXT, status.reasonPhrase());
    }

    /**
     * Refuses a request and closes the connection: a short text body, {@code Connection: close},
     * and {@code Retry-After} when {@code retryAfterSeconds} is positive.
     */
    void refuse(ChannelHandlerContext ctx, String origin, HttpResponseStatus status, String body,
                int retryAfterSeconds) {
        FullHttpResponse response = response(status, TEXT, body);
        cors.apply(origin, response.headers());
        if (retryAfterSeconds > 0) {
            response.headers().setInt(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        }
        write(ctx, false, response);
    }

    static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }

    /** Writes a response built elsewhere (operator pages, the demo's files), with Content-Length and keep-alive. */
    static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
