package dev.peerroom.room;

import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.MessageType;

/** What rooms report, so the room package needs no metrics library. Called on room executors. */
public interface RoomMetrics {
    RoomMetrics NONE = new RoomMetrics() {
    };

    default void peerJoined() {
    }

    default void peerLeft() {
    }

    /** A room moved between the seed's states (Hibernated = dropped from memory). */
    default void roomState(RoomState from, RoomState to) {
    }

    /** {@code latencyNanos}: from frame receipt to handing the frame to the destination socket. */
    default void routed(MessageType type, long latencyNanos) {
    }

    default void error(ErrorCode code) {
    }

    default void rateLimitDropped() {
    }

    default void heartbeatExpired() {
    }

    default void held() {
    }

    /** Held messages dropped with an EXPIRE to their sender. */
    default void holdExpired(int messages) {
    }
}
