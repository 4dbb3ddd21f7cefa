package dev.peerroom.transport;

import dev.peerroom.room.RoomRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The admin API under {@code /admin/}, behind the admin token: the rooms this node holds, one
 * room, and kicking a peer. Without a token it is off and every path answers 404. Every answer
 * is JSON; none carries CORS headers, so no page of another origin can read it.
 */
final class AdminApi {
    static final String OFF = "The admin API is off: start the node with an admin token "
            + "(PEERROOM_ADMIN_TOKEN or --admin-token) to turn it on.";

    private final AdminAuth auth;
    private final RoomRegistry registry;
    private final String nodeId;

    AdminApi(ServerContext context) {
        this.auth = new AdminAuth(context.config().operator().adminToken());
        this.registry = context.registry();
        this.nodeId = context.nodeId();
    }

    /** True for the paths this class answers: {@code /admin} and everything under it. */
    static boolean owns(String path) {
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, boolean keepAlive) {
        if (!auth.enabled()) {
            error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, OFF);
            return;
        }
        // The token comes before the path: without it, nothing tells which paths exist.
        AdminAuth.Verdict verdict = auth.check(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (verdict != AdminAuth.Verdict.OK) {
            OperatorReplies.unauthorized(ctx, keepAlive, verdict,
                    "An admin token is required: Authorization: Bearer <token>.");
            return;
        }
        List<String> path = segments(uri.rawPath());
        HttpMethod method = req.method();
        if (path != null && path.size() == 2 && path.get(1).equals("rooms")) {
            if (allowed(ctx, keepAlive, method, HttpMethod.GET)) {
                listRooms(ctx, keepAlive);
            }
        } else if (path != null && path.size() == 3 && path.get(1).equals("rooms")) {
            if (allowed(ctx, keepAlive, method, HttpMethod.GET)) {
                oneRoom(ctx, keepAlive, path.get(2));
            }
        } else if (path != null && path.size() == 5 && path.get(1).equals("rooms") && path.get(3).equals("peers")) {
            if (allowed(ctx, keepAlive, method, HttpMethod.DELETE)) {
                kick(ctx, keepAlive, path.get(2), path.get(4));
            }
        } else {
            error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "No such admin endpoint.");
        }
    }

    private void listRooms(ChannelHandlerContext ctx, boolean keepAlive) {
        registry.queryAll(AdminRoom::of).whenComplete((rooms, failure) -> {
            if (failure != null) {
                error(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, "The rooms could not be read.");
                return;
            }
            List<AdminRoom> sorted = new ArrayList<>(rooms);
            sorted.sort(Comparator.comparingLong(AdminRoom::createdAt).thenComparing(AdminRoom::roomId));
            OperatorReplies.json(ctx, keepAlive, HttpResponseStatus.OK, OperatorJson.rooms(nodeId, sorted));
        });
    }

    private void oneRoom(ChannelHandlerContext ctx, boolean keepAlive, String roomId) {
        registry.query(roomId, AdminRoom::of, null).whenComplete((room, failure) -> {
            if (failure != null) {
                error(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, "The room could not be read.");
            } else if (room == null) {
                error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "This node holds no such room.");
            } else {
                OperatorReplies.json(ctx, keepAlive, HttpResponseStatus.OK, OperatorJson.room(nodeId, room));
            }
        });
    }

    private void kick(ChannelHandlerContext ctx, boolean keepAlive, String roomId, String peerId) {
        registry.kick(roomId, peerId).whenComplete((outcome, failure) -> {
            if (failure != null) {
                error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "The cluster engine did not answer.");
                return;
            }
            switch (outcome.kind()) {
                case HERE -> OperatorReplies.json(ctx, keepAlive, HttpResponseStatus.OK,
                        OperatorJson.kicked(peerId, roomId, nodeId));
                // Handed to the node that holds the peer; it closes the socket when the message arrives.
                case FORWARDED -> OperatorReplies.json(ctx, keepAlive, HttpResponseStatus.ACCEPTED,
                        OperatorJson.kicked(peerId, roomId, outcome.node()));
                case NOT_FOUND -> error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "No such peer in this room.");
            }
        });
    }

    /** Answers 405 with {@code Allow} unless the request uses {@code expected}. */
    private static boolean allowed(ChannelHandlerContext ctx, boolean keepAlive, HttpMethod method, HttpMethod expected) {
        if (method.equals(expected)) {
            return true;
        }
        OperatorReplies.json(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED,
                OperatorJson.error("Use " + expected.name() + " here."), HttpHeaderNames.ALLOW.toString(), expected.name());
        return false;
    }

    private static void error(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String message) {
        OperatorReplies.json(ctx, keepAlive, status, OperatorJson.error(message));
    }

    /**
     * The percent-decoded segments of a raw path ({@code /admin/rooms/x} → admin, rooms, x); null
     * when a segment is empty or badly encoded, which no endpoint accepts. Segments are split
     * before decoding, so an encoded slash stays inside its segment.
     */
    static List<String> segments(String rawPath) {
        String[] raw = rawPath.substring(1).split("/", -1);
        List<String> out = new ArrayList<>(raw.length);
        for (String s : raw) {
            if (s.isEmpty()) {
                return null;
            }
            try {
                // '+' is a plus in a path, not a space as in a form.
                out.add(QueryStringDecoder.decodeComponent(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return out;
    }
}
