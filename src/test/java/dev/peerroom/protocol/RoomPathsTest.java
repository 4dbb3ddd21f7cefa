package dev.peerroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoomPathsTest {
    private static final String ROOM = "123456789012345678";
    private final RoomPaths root = new RoomPaths("/");
    private final RoomPaths app = new RoomPaths("/activity/app/");

    @Test
    void socketPathGivesItsRoomSegment() {
        assertThat(root.socketRoom("/rooms/" + ROOM + "/peerjs")).isEqualTo(ROOM);
        assertThat(app.socketRoom("/activity/app/rooms/" + ROOM + "/peerjs")).isEqualTo(ROOM);
    }

    @Test
    void invalidRoomSegmentsAreStillSocketPathsSoTheJoinCanBeRefused() {
        assertThat(root.socketRoom("/rooms/abc/peerjs")).isEqualTo("abc");
        assertThat(root.socketRoom("/rooms/1/2/peerjs")).isEqualTo("1/2");
        assertThat(root.socketRoom("/rooms//peerjs")).isEqualTo("");
    }

    @Test
    void otherPathsAreNoSocketPath() {
        assertThat(root.socketRoom("/peerjs")).isNull();
        assertThat(root.socketRoom("/rooms/peerjs")).isNull();
        assertThat(root.socketRoom("/rooms/" + ROOM + "/peerjs/")).isNull();
        assertThat(root.socketRoom("/rooms/" + ROOM + "/peerjsx")).isNull();
        assertThat(root.socketRoom("/rooms/" + ROOM)).isNull();
        assertThat(root.socketRoom("/room/" + ROOM + "/peerjs")).isNull();
        assertThat(root.socketRoom("/x/rooms/" + ROOM + "/peerjs")).isNull();
        assertThat(app.socketRoom("/rooms/" + ROOM + "/peerjs")).isNull();
        assertThat(root.socketRoom("")).isNull();
    }

    @Test
    void resourcePathGivesRoomKeyAndResource() {
        assertThat(root.resource("/rooms/" + ROOM + "/peerjs/id"))
                .isEqualTo(new RoomPaths.RoomResource(ROOM, "peerjs", "id"));
        assertThat(root.resource("/rooms/" + ROOM + "/k/peers"))
                .isEqualTo(new RoomPaths.RoomResource(ROOM, "k", "peers"));
        assertThat(app.resource("/activity/app/rooms/" + ROOM + "/peerjs/id"))
                .isEqualTo(new RoomPaths.RoomResource(ROOM, "peerjs", "id"));
        // The room is checked by the caller (400), not here.
        assertThat(root.resource("/rooms/abc/peerjs/id")).isEqualTo(new RoomPaths.RoomResource("abc", "peerjs", "id"));
    }

    @Test
    void otherShapesAreNoResource() {
        assertThat(root.resource("/rooms/" + ROOM + "/peerjs")).isNull();
        assertThat(root.resource("/rooms/" + ROOM + "/peerjs/id/extra")).isNull();
        assertThat(root.resource("/rooms//peerjs/id")).isNull();
        assertThat(root.resource("/rooms/" + ROOM + "//id")).isNull();
        assertThat(root.resource("/peerjs/id")).isNull();
        assertThat(root.resource("/other/" + ROOM + "/peerjs/id")).isNull();
        assertThat(app.resource("/rooms/" + ROOM + "/peerjs/id")).isNull();
    }
}
