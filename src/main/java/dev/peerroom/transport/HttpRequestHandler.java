package dev.peerroom.transport;

import dev.peerroom.protocol.Identifiers;
import dev.peerroom.protocol.RoomPaths;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.UUID;

/**
 * Routes HTTP requests: operator endpoints, the PeerJS HTTP API, and WebSocket upgrades. It keeps
 * no per-connection state, so one instance serves every connection.
 */
@ChannelHandler.Sharable
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String INFO = "{\"name\":\"PeerRoom\",\"description\":\"A room-scoped WebRTC "
            + "signaling server for PeerJS clients.\",\"website\":\"https://github.com/peerroom/peerroom\"}";

    private final ServerContext context;
    private final HttpResponder responder;
    private final WebSocketUpgrader upgrader;
    private final AdminApi admin;
    private final StatusEndpoints status;
    private final DemoPage demo;

    HttpRequestHandler(ServerContext context, HttpResponder responder, WebSocketUpgrader upgrader) {
        this.context = context;
        this.responder = responder;
        this.upgrader = upgrader;
        this.admin = new AdminApi(context);
        this.status = new StatusEndpoints(context, responder);
        this.demo = new DemoPage(context.config().basePath(), responder);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (!req.decoderResult().isSuccess()) {
            // The codec stops reading after a failure, so the connection cannot serve another request.
            responder.status(ctx, false, origin, HttpLimits.statusFor(req.decoderResult()));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        // The admin API has its own methods (DELETE), answers and no CORS, preflights included; it
        // decodes its path segment by segment, so its raw path is matched here.
        if (AdminApi.owns(uri.rawPath())) {
            admin.handle(ctx, req, uri, keepAlive);
            return;
        }
        String path = uri.path();
        if (req.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
            upgrader.upgrade(ctx, req, this, uri, origin);
            return;
        }
        if (HttpMethod.OPTIONS.equals(req.method())) {
            responder.preflight(ctx, keepAlive, origin, req.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
            return;
        }
        if (!HttpMethod.GET.equals(req.method())) {
            responder.status(ctx, keepAlive, origin, HttpResponseStatus.METHOD_NOT_ALLOWED);
            return;
        }
        switch (path) {
            case "/health" -> health(ctx, keepAlive, origin);
            case "/metrics" -> responder.send(ctx, keepAlive, origin, HttpResponseStatus.OK,
                    "text/plain; version=0.0.4; charset=utf-8", context.metricsScrape().get());
            case StatusEndpoints.PAGE, StatusEndpoints.DATA, StatusEndpoints.SCRIPT, StatusEndpoints.STYLE ->
                    status.handle(ctx, req, path, keepAlive);
            default -> {
                if (demo.owns(path)) {
                    demo.handle(ctx, req, path, keepAlive);
                } else if (isBase(path)) {
                    responder.send(ctx, keepAlive, origin, HttpResponseStatus.OK, HttpResponder.JSON, INFO);
                } else {
                    roomResource(ctx, keepAlive, origin, context.paths().resource(path));
                }
            }
        }
    }

    /** {@code /game/} and {@code /game} both name the base path {@code /game/}. */
    private boolean isBase(String path) {
        String base = context.config().basePath();
        return path.equals(base) || (path.length() > 1 && path.length() == base.length() - 1 && base.startsWith(path));
    }

    private void health(ChannelHandlerContext ctx, boolean keepAlive, String origin) {
        boolean up = context.healthy().getAsBoolean();
        responder.send(ctx, keepAlive, origin, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                HttpResponder.JSON, "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"rooms\":"
                        + context.registry().roomCount() + "}");
    }

    private void roomResource(ChannelHandlerContext ctx, boolean keepAlive, String origin,
                              RoomPaths.RoomResource res) {
        if (res == null || !(res.resource().equals("id") || res.resource().equals("peers"))) {
            responder.status(ctx, keepAlive, origin, HttpResponseStatus.NOT_FOUND);
            return;
        }
        boolean peers = res.resource().equals("peers");
        if (peers && !context.config().discovery()) {
            responder.status(ctx, keepAlive, origin, HttpResponseStatus.UNAUTHORIZED);
        } else if (!res.classic() && !Identifiers.isValidRoomId(res.roomId())) { // classic: {base}{key}/id|peers
            responder.send(ctx, keepAlive, origin, HttpResponseStatus.BAD_REQUEST, HttpResponder.TEXT, "Invalid room id");
        } else if (!res.key().equals(context.config().key())) {
            responder.send(ctx, keepAlive, origin, HttpResponseStatus.FORBIDDEN, HttpResponder.TEXT, "Invalid key provided");
        } else {
            context.registry().peerIds(res.roomId()).whenComplete((ids, failure) -> {
                if (failure != null) {
                    responder.status(ctx, keepAlive, origin, HttpResponseStatus.SERVICE_UNAVAILABLE);
                } else if (peers) {
                    responder.send(ctx, keepAlive, origin, HttpResponseStatus.OK, HttpResponder.JSON, jsonArray(ids));
                } else {
                    responder.send(ctx, keepAlive, origin, HttpResponseStatus.OK, HttpResponder.TEXT, freshId(ids));
                }
            });
        }
    }

    /** A random UUID: valid as a peer id and, in practice, never in use; checked anyway. */
    private static String freshId(List<String> inUse) {
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (inUse.contains(id));
        return id;
    }

    private static String jsonArray(List<String> ids) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            sb.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
        }
        return sb.append(']').toString();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
