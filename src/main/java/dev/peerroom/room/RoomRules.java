package dev.peerroom.room;

import dev.peerroom.config.ServerConfig;

/** The numbers a room enforces, in milliseconds and counts. */
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
        long idleRoomTtlMs) {

    public static RoomRules from(ServerConfig c) {
        return new RoomRules(c.maxPeers(), c.heartbeatTimeout().toMillis(), c.pingInterval().toMillis(),
                c.rateLimit(), c.rateWindow().toMillis(), c.rateStrikes(),
                c.holdTimeout().toMillis(), c.holdMaxMessages(), c.holdMaxBytes(), c.idleRoomTtl().toMillis());
    }

    public static RoomRules defaults() {
        return from(ServerConfig.defaults());
    }
}
