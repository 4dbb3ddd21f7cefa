package dev.peerroom.room;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Membership and routing of rooms across the engine: who holds which peer id in a room, and how a
 * frame reaches a peer that is not on this node. The in-memory engine serves one node; a cluster
 * engine answers the same calls from shared state. Rooms call it only from their own executor;
 * returned stages may complete on any thread.
 */
public interface Membership {

    /** Outcome of claiming a peer id in a room. */
    enum Claim {
        /** The id was free and is now held by the claimant. */
        JOINED,
        /** The id was held with the same token: the claimant replaces the old socket. */
        REPLACED,
        /** The id is held with another token. */
        ID_TAKEN,
        /** The room already holds its maximum number of peers. */
        ROOM_FULL
    }

    /** Atomically claims {@code peerId} in {@code roomId}: capacity and id uniqueness in one step. */
    CompletionStage<Claim> claim(String roomId, String peerId, String token, int maxPeers);

    /** Releases the id if it is still held with {@code token} (a late close must not free a newer claim). */
    void release(String roomId, String peerId, String token);

    /** The peer ids held in the room, in join order. */
    CompletionStage<List<String>> members(String roomId);

    /**
     * Hands a frame to {@code dst} if another node holds it. Returns false when no other node is
     * known to, so the caller holds the message (the in-memory engine has no other nodes). If the
     * frame cannot reach dst's node after all, the engine reports it through
     * {@link ClusterEvents#deliveryFailed} with {@code src} (null: nobody to tell).
     */
    boolean forward(String roomId, String src, String dst, byte[] frame);

    /**
     * A message for {@code peerId} is held here because this node does not know where it is. If
     * another node holds it, the engine reports {@link ClusterEvents#joinedElsewhere}, so that the
     * held messages go there. The in-memory engine knows every peer already.
     */
    default void locate(String roomId, String peerId) {
    }

    /**
     * Sends a server frame to {@code peerId} wherever the engine finds it, when this node knows
     * nothing of the room (it has no room object to hold or route with). Nothing happens if no node
     * holds the peer. The in-memory engine has no other node to look on.
     */
    default void sendToHolder(String roomId, String peerId, byte[] frame) {
    }

    /**
     * Asks the node that holds {@code peerId} to kick it (admin API), when that is another node.
     * Completes with that node's id, or null when no other node holds the peer. The in-memory
     * engine has no other node.
     */
    default CompletionStage<String> kickElsewhere(String roomId, String peerId) {
        return CompletableFuture.completedFuture(null);
    }

    /** Sends a frame to every member held by another node, except {@code exceptPeer}. */
    void broadcastRemote(String roomId, String exceptPeer, byte[] frame);

    /** Where an engine with other nodes reports their events; the in-memory engine has none. */
    default void bind(ClusterEvents events) {
    }
}
