package dev.peerroom.room;

import dev.peerroom.protocol.InboundMessage;
import java.util.ArrayDeque;

/**
 * A socket whose id claim is in flight. Frames it sends meanwhile wait here (bounded) and are
 * handled after OPEN, because the client does not wait for OPEN before sending.
 */
final class PendingJoin {
    final String peerId;
    final String token;
    final PeerConnection connection;
    final ArrayDeque<InboundMessage> queued = new ArrayDeque<>();
    final ArrayDeque<Long> queuedAt = new ArrayDeque<>();
    private final int maxQueued;
    boolean closed;

    PendingJoin(String peerId, String token, PeerConnection connection, int maxQueued) {
        this.peerId = peerId;
        this.token = token;
        this.connection = connection;
        this.maxQueued = maxQueued;
    }

    /** Frames beyond the bound would be over the rate limit anyway; they are dropped. */
    void queue(InboundMessage message, long receivedNanos) {
        if (queued.size() < maxQueued) {
            queued.addLast(message.detach());
            queuedAt.addLast(receivedNanos);
        }
    }
}
