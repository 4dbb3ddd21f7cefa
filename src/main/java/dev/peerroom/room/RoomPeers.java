package dev.peerroom.room;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers of one room on this node, in join order, and the room's lifecycle state (seed:
 * RoomState): EMPTY until the first join, ACTIVE with peers, IDLE when the last one left,
 * HIBERNATED when dropped. Touched only on the room's executor.
 *
 * <p>Every frame is looked up by its socket, so sockets are indexed too: the classic namespace
 * holds thousands of peers in one room, where a scan per frame would cost more than the routing.
 */
final class RoomPeers {
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    /** Socket → peer, in step with {@code peers}: one entry per peer, for its current socket. */
    private final Map<PeerConnection, Peer> byConnection = new IdentityHashMap<>();
    private final RoomMetrics metrics;
    private long lastActivityAt;
    private long idleSince;
    private RoomState state = RoomState.EMPTY;

    RoomPeers(RoomMetrics metrics, long now) {
        this.metrics = metrics;
        this.lastActivityAt = now;
        this.idleSince = now;
    }

    Peer get(String id) {
        return peers.get(id);
    }

    /** The peer whose socket this is, or null (a replaced, stale or closed socket). */
    Peer of(PeerConnection conn) {
        return byConnection.get(conn);
    }

    /** A copy, for loops that may remove peers. */
    List<Peer> snapshot() {
        return new ArrayList<>(peers.values());
    }

    List<String> ids() {
        return new ArrayList<>(peers.keySet());
    }

    int size() {
        return peers.size();
    }

    boolean isEmpty() {
        return peers.isEmpty();
    }

    void add(Peer peer, long now) {
        Peer previous = peers.put(peer.id(), peer);
        if (previous != null) {
            byConnection.remove(previous.connection());
        }
        byConnection.put(peer.connection(), peer);
        metrics.peerJoined();
        lastActivityAt = now;
        if (state != RoomState.ACTIVE) {
            moveTo(RoomState.ACTIVE);
        }
    }

    /** The peer is gone from this node (its claim is the caller's business). */
    void remove(Peer peer, long now) {
        Peer removed = peers.remove(peer.id());
        if (removed != null) {
            byConnection.remove(removed.connection());
        }
        byConnection.remove(peer.connection());
        if (peer.state() != Peer.State.STALE) {
            peer.markDisconnected();
        }
        metrics.peerLeft();
        lastActivityAt = now;
        if (peers.isEmpty() && state == RoomState.ACTIVE) {
            idleSince = now;
            moveTo(RoomState.IDLE);
        }
    }

    /** Same-token takeover: the peer's new socket replaces the old one, here and in the index. */
    void replaceConnection(Peer peer, PeerConnection newConnection, long now) {
        byConnection.remove(peer.connection());
        peer.replaceConnection(newConnection, now);
        if (peers.get(peer.id()) == peer) {
            byConnection.put(newConnection, peer);
        }
    }

    /** Sockets indexed; equals {@link #size()} unless the index has gone out of step (tests check). */
    int indexedConnections() {
        return byConnection.size();
    }

    void touch(long now) {
        lastActivityAt = now;
    }

    /** Sends to every peer here except {@code exceptPeer}. */
    void sendToAllBut(String exceptPeer, byte[] frame) {
        for (Peer other : peers.values()) {
            if (!other.id().equals(exceptPeer)) {
                other.connection().send(frame);
            }
        }
    }

    /**
     * Hibernates the room if nobody is in it and it has been idle for {@code ttlMs} (or was never
     * used); returns true when it did, and the room may be dropped from memory.
     */
    boolean hibernateIfUnused(long now, long ttlMs) {
        boolean unused = state == RoomState.EMPTY || state == RoomState.IDLE;
        if (unused && peers.isEmpty() && (state == RoomState.EMPTY || now - idleSince >= ttlMs)) {
            moveTo(RoomState.HIBERNATED);
            return true;
        }
        return false;
    }

    long idleSince() {
        return idleSince;
    }

    RoomState state() {
        return state;
    }

    long lastActivityAt() {
        return lastActivityAt;
    }

    private void moveTo(RoomState next) {
        metrics.roomState(state, next);
        state = next;
    }
}
