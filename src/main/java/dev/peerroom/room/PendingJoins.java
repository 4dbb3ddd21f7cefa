package dev.peerroom.room;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The sockets of one room whose id claims are in flight, by socket: a frame from a socket that is
 * no peer is looked up here, and a connect storm into the classic namespace can leave thousands
 * in flight at once (a cluster claim takes a Redis round trip).
 */
final class PendingJoins {
    private final Map<PeerConnection, PendingJoin> joins = new IdentityHashMap<>(4);

    void add(PendingJoin join) {
        joins.put(join.connection, join);
    }

    void remove(PendingJoin join) {
        joins.remove(join.connection, join);
    }

    boolean isEmpty() {
        return joins.isEmpty();
    }

    PendingJoin of(PeerConnection conn) {
        return joins.get(conn);
    }

    /**
     * True when a live pending join asks for this id with this token (a racing reconnect). A scan:
     * it runs once per departure, not per frame, and joins are in flight only briefly.
     */
    boolean claims(String peerId, String token) {
        for (PendingJoin join : joins.values()) {
            if (!join.closed && join.peerId.equals(peerId) && join.token.equals(token)) {
                return true;
            }
        }
        return false;
    }

    /** Shutdown: every pending socket is closed; its claim is released when the claim returns. */
    void closeAll(int code, String reason) {
        for (PendingJoin join : new ArrayList<>(joins.values())) {
            join.closed = true;
            join.connection.close(code, reason);
        }
    }
}
