package dev.peerroom.room;

import java.util.ArrayList;
import java.util.List;

/** The sockets of one room whose id claims are in flight. */
final class PendingJoins {
    private final List<PendingJoin> joins = new ArrayList<>(2);

    void add(PendingJoin join) {
        joins.add(join);
    }

    void remove(PendingJoin join) {
        joins.remove(join);
    }

    boolean isEmpty() {
        return joins.isEmpty();
    }

    PendingJoin of(PeerConnection conn) {
        for (PendingJoin join : joins) {
            if (join.connection == conn) {
                return join;
            }
        }
        return null;
    }

    /** True when a live pending join asks for this id with this token (a racing reconnect). */
    boolean claims(String peerId, String token) {
        for (PendingJoin join : joins) {
            if (!join.closed && join.peerId.equals(peerId) && join.token.equals(token)) {
                return true;
            }
        }
        return false;
    }

    /** Shutdown: every pending socket is closed; its claim is released when the claim returns. */
    void closeAll(int code, String reason) {
        for (PendingJoin join : new ArrayList<>(joins)) {
            join.closed = true;
            join.connection.close(code, reason);
        }
    }
}
