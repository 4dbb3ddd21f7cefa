package dev.peerroom.transport;

import dev.peerroom.room.GameRoom;
import dev.peerroom.room.RoomState;
import java.util.List;

/** What the admin API shows of one room (the seed's GameRoom fields), copied on the room's executor. */
record AdminRoom(String roomId, List<String> peers, int maxPeers, long createdAt, long lastActivityAt,
                 RoomState state) {

    /** Must run on the room's executor, like every read of a room. */
    static AdminRoom of(GameRoom room) {
        return new AdminRoom(room.roomId(), room.peerIds(), room.maxPeers(), room.createdAt(),
                room.lastActivityAt(), room.state());
    }
}
