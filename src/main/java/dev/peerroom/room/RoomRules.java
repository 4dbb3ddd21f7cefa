package dev.peerroom.room;

import dev.peerroom.config.OperatorSettings;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.protocol.ErrorCode;

/**
 * The numbers a room enforces, in milliseconds and counts, and how it behaves at its edges.
 *
 * @param fullRoomError      the ERROR a join over {@code maxPeers} gets, before close 1008
 * @param announceDepartures whether mates hear LEAVE/EXPIRE when a peer leaves, expires or is kicked
 * @param concurrentLimit    the capacity of peerjs-server's classic namespace on this node, for
 *                           {@link #classic()}; in the classic rules themselves it equals {@code maxPeers}
 */
public record RoomRules(
        int maxPeers,
        long heartbeatTimeoutMs,
        long pingIntervalMs,
        int rateLimit,
        long rateWindowMs,
        int rateStrikes,
        long holdTimeoutMs,
        int holdMaxMessages,
        int holdMaxBytes,
        long idleRoomTtlMs,
        ErrorCode fullRoomError,
        boolean announceDepartures,
        int concurrentLimit) {

    /** Room rules with the default classic capacity (tests and benchmarks that build their own). */
    public RoomRules(int maxPeers, long heartbeatTimeoutMs, long pingIntervalMs, int rateLimit, long rateWindowMs,
                     int rateStrikes, long holdTimeoutMs, int holdMaxMessages, int holdMaxBytes, long idleRoomTtlMs) {
        this(maxPeers, heartbeatTimeoutMs, pingIntervalMs, rateLimit, rateWindowMs, rateStrikes, holdTimeoutMs,
                holdMaxMessages, holdMaxBytes, idleRoomTtlMs, ErrorCode.ROOM_FULL, true,
                OperatorSettings.DEFAULT_CONCURRENT_LIMIT);
    }

    /** The rules of a room (a snowflake). */
    public static RoomRules from(ServerConfig c) {
        return new RoomRules(c.maxPeers(), c.heartbeatTimeout().toMillis(), c.pingInterval().toMillis(),
                c.rateLimit(), c.rateWindow().toMillis(), c.rateStrikes(),
                c.holdTimeout().toMillis(), c.holdMaxMessages(), c.holdMaxBytes(), c.idleRoomTtl().toMillis(),
                ErrorCode.ROOM_FULL, true, c.operator().concurrentLimit());
    }

    /** The rules of peerjs-server's classic namespace on a node with these settings. */
    public static RoomRules classic(ServerConfig c) {
        return from(c).classic();
    }

    public static RoomRules defaults() {
        return from(ServerConfig.defaults());
    }

    /**
     * These rules for the classic namespace: {@code concurrentLimit} peers, refused with
     * peerjs-server's CONCURRENT_LIMIT; no departure broadcasts (peerjs-server sends none, and the
     * stock client would report every departure as peer-unavailable); hold bounds scaled by
     * ceil(concurrentLimit / maxPeers), so each peer keeps a room peer's share. Timing, rate limit
     * and heartbeat stay as they are. Applied to classic rules it changes nothing.
     */
    public RoomRules classic() {
        long share = (concurrentLimit + (long) maxPeers - 1) / maxPeers;
        return new RoomRules(concurrentLimit, heartbeatTimeoutMs, pingIntervalMs, rateLimit, rateWindowMs,
                rateStrikes, holdTimeoutMs, saturated(holdMaxMessages * share), saturated(holdMaxBytes * share),
                idleRoomTtlMs, ErrorCode.CONCURRENT_LIMIT, false, concurrentLimit);
    }

    private static int saturated(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
