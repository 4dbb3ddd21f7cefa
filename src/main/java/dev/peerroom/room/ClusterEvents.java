package dev.peerroom.room;

import java.util.List;

/**
 * What other nodes tell this one about its rooms, as reported by a cluster engine. Calls may come
 * from any thread; the receiver runs each on the room's executor.
 */
public interface ClusterEvents {

    /** A routed frame (already stamped with {@code src}) for {@code dst}, a peer expected here. */
    void frame(String roomId, String src, String dst, byte[] frame);

    /** A frame for every peer of the room on this node except {@code exceptPeer}. */
    void broadcast(String roomId, String exceptPeer, byte[] frame);

    /** {@code peerId} joined the room on another node: messages held for it can go there now. */
    void joinedElsewhere(String roomId, String peerId);

    /** {@code peerId} reconnected on another node: its socket here is closed, its claim kept. */
    void replacedElsewhere(String roomId, String peerId);

    /** The engine no longer holds {@code peerId} for this node (its lease lapsed): close its socket. */
    void claimLost(String roomId, String peerId);

    /** These peers' leases lapsed (their node died): their room mates get EXPIRE. */
    void stale(String roomId, List<String> peerIds);

    /** A frame {@code src} sent to {@code dst} could not reach dst's node: src gets EXPIRE. */
    void deliveryFailed(String roomId, String src, String dst);

    /** This node lost the engine for longer than its lease: every socket closes with 1012. */
    void fenced();

    /** An operator on another node kicked {@code peerId}, which is expected here (admin API). */
    void kick(String roomId, String peerId);

    /** Ignores every event: for an engine that is not bound to a node's rooms (tests, tools). */
    ClusterEvents IGNORE = new ClusterEvents() {
        @Override
        public void frame(String roomId, String src, String dst, byte[] frame) {
        }

        @Override
        public void broadcast(String roomId, String exceptPeer, byte[] frame) {
        }

        @Override
        public void joinedElsewhere(String roomId, String peerId) {
        }

        @Override
        public void replacedElsewhere(String roomId, String peerId) {
        }

        @Override
        public void claimLost(String roomId, String peerId) {
        }

        @Override
        public void stale(String roomId, List<String> peerIds) {
        }

        @Override
        public void deliveryFailed(String roomId, String src, String dst) {
        }

        @Override
        public void fenced() {
        }

        @Override
        public void kick(String roomId, String peerId) {
        }
    };
}
