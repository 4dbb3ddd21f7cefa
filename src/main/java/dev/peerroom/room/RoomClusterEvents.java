package dev.peerroom.room;

import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.protocol.OutboundFrames;
import java.util.List;

/** Puts each event from other nodes onto its room's executor, where the room applies it. */
final class RoomClusterEvents implements ClusterEvents {
    private final RoomRegistry registry;
    private final Membership membership;

    RoomClusterEvents(RoomRegistry registry, Membership membership) {
        this.registry = registry;
        this.membership = membership;
    }

    @Override
    public void frame(String roomId, String src, String dst, byte[] frame) {
        registry.onRoomOrAbsent(roomId, room -> {
            if (room != null) {
                room.remote().frame(src, dst, frame);
            } else if (src != null) { // (a notice with no sender is never bounced back)
                // The sender's node thought dst was here, but it has left: the sender hears EXPIRE.
                membership.sendToHolder(roomId, src, OutboundFrames.expire(dst, src));
            }
        });
    }

    @Override
    public void broadcast(String roomId, String exceptPeer, byte[] frame) {
        registry.onRoom(roomId, room -> room.remote().broadcast(exceptPeer, frame));
    }

    @Override
    public void joinedElsewhere(String roomId, String peerId) {
        registry.onRoom(roomId, room -> room.remote().joinedElsewhere(peerId));
    }

    @Override
    public void replacedElsewhere(String roomId, String peerId) {
        registry.onRoom(roomId, room -> room.remote().replacedElsewhere(peerId));
    }

    @Override
    public void claimLost(String roomId, String peerId) {
        registry.onRoom(roomId, room -> room.remote().claimLost(peerId));
    }

    @Override
    public void stale(String roomId, List<String> peerIds) {
        registry.onRoom(roomId, room -> room.remote().stale(peerIds));
    }

    @Override
    public void deliveryFailed(String roomId, String src, String dst) {
        registry.onRoom(roomId, room -> room.remote().deliveryFailed(src, dst));
    }

    @Override
    public void kick(String roomId, String peerId) {
        registry.onRoom(roomId, room -> room.kick(peerId));
    }

    @Override
    public void fenced() {
        registry.closeAll(CloseCodes.SERVICE_RESTART, "Membership unavailable");
    }
}
