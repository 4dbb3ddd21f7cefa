package dev.peerroom.cluster;

import java.nio.charset.StandardCharsets;

/**
 * Key and channel names in Redis. The {@code {room}} hash tag keeps a room's two keys in one
 * Redis Cluster slot, so one script can touch both atomically.
 */
final class RedisKeys {
    static final String PREFIX = "peerroom:";

    private RedisKeys() {
    }

    /** HASH peer id → "node|epoch|sha256(token)": who holds which id, on which node. */
    static String members(String roomId) {
        return PREFIX + "{" + roomId + "}:members";
    }

    /** ZSET peer id → lease end (ms, Redis time): renewed by the peer's node while it lives. */
    static String leases(String roomId) {
        return PREFIX + "{" + roomId + "}:leases";
    }

    /** The node's inbox: frames, broadcasts and notices for its peers, and its own probes. */
    static byte[] inbox(String nodeId) {
        return (PREFIX + "node:" + nodeId).getBytes(StandardCharsets.UTF_8);
    }
}
