package dev.peerroom.room;

import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.protocol.OutboundFrames;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other nodes tell one room, applied on the room's executor. Only a cluster engine produces
 * these; the rules are the same as for local events (hold, EXPIRE, LEAVE), only the peer that
 * caused them lives elsewhere.
 */
final class RemoteRoomEvents {
    private static final Logger log = LoggerFactory.getLogger(RemoteRoomEvents.class);

    private final GameRoom room;
    private final SignalRouter router;
    private final RoomContext context;

    RemoteRoomEvents(GameRoom room, SignalRouter router, RoomContext context) {
        this.room = room;
        this.router = router;
        this.context = context;
    }

    /** A routed frame from a peer on another node. */
    void frame(String src, String dst, byte[] frame) {
        router.fromRemote(src, dst, frame, context.clock().millis());
    }

    void broadcast(String exceptPeer, byte[] frame) {
        room.broadcastHere(exceptPeer, frame);
    }

    void joinedElsewhere(String peerId) {
        router.sendHeldElsewhere(peerId);
    }

    void replacedElsewhere(String peerId) {
        Peer peer = room.peer(peerId);
        if (peer != null) {
            log.info("room={} peer={} reconnected on another node", context.roomId(), peerId);
            room.dropKeepingClaim(peer, CloseCodes.REPLACED, "Replaced by a newer connection");
        }
    }

    void claimLost(String peerId) {
        Peer peer = room.peer(peerId);
        if (peer != null) {
            log.warn("room={} peer={} closed: its membership lapsed", context.roomId(), peerId);
            room.dropKeepingClaim(peer, CloseCodes.SERVICE_RESTART, "Membership lost");
        }
    }

    /** Peers whose node stopped renewing them: like a heartbeat timeout, mates get EXPIRE. */
    void stale(List<String> peerIds) {
        for (String id : peerIds) {
            Peer local = room.peer(id);
            if (local != null) {
                claimLost(id);
            }
            context.metrics().heartbeatExpired();
            log.info("room={} peer={} expired: its node stopped renewing it", context.roomId(), id);
            room.announceDeparture(id, OutboundFrames.expire(id));
        }
    }

    void deliveryFailed(String src, String dst) {
        router.deliveryFailed(src, dst);
    }
}
