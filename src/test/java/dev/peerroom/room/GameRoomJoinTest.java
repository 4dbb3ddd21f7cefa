package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.ID_TAKEN;
import static dev.peerroom.room.RoomFixture.OPEN;
import static dev.peerroom.room.RoomFixture.ROOM;
import static dev.peerroom.room.RoomFixture.ROOM_FULL;
import static dev.peerroom.room.RoomFixture.candidate;
import static dev.peerroom.room.RoomFixture.offer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

/** Joining a room: OPEN, ID-TAKEN, same-token takeover, full room. */
class GameRoomJoinTest {
    private final RoomFixture f = new RoomFixture();

    @Test
    void anAcceptedJoinGetsExactlyOpen() {
        RecordingConnection a = f.join("a");
        assertThat(a.sent).containsExactly(OPEN);
        assertThat(a.closeCode).isNull();
        assertThat(f.room.peerIds()).containsExactly("a");
        assertThat(f.metrics.peersJoined).isEqualTo(1);
    }

    @Test
    void roomMatesAreNotToldOfAJoin() {
        RecordingConnection a = f.joined("a");
        f.joined("b");
        assertThat(a.sent).isEmpty();
        assertThat(f.room.peerIds()).containsExactly("a", "b");
    }

    @Test
    void anIdHeldWithAnotherTokenIsTaken() {
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        RecordingConnection impostor = f.join("a", "other-token");

        assertThat(impostor.sent).containsExactly(ID_TAKEN);
        assertThat(impostor.closeCode).isEqualTo(1008);
        // The holder is untouched and still reachable on its own socket.
        assertThat(a.closeCode).isNull();
        assertThat(a.sent).isEmpty();
        f.send(b, offer("a"));
        assertThat(a.sent).hasSize(1);
        assertThat(impostor.sentAfterClose).isEmpty();
        assertThat(f.metrics.peersJoined).isEqualTo(2);
    }

    @Test
    void aLateCloseOfARefusedSocketChangesNothing() {
        RecordingConnection a = f.joined("a");
        RecordingConnection impostor = f.join("a", "other-token");
        f.room.onClose(impostor);
        f.send(impostor, offer("a"));
        assertThat(f.room.peerIds()).containsExactly("a");
        assertThat(a.sent).isEmpty();
        assertThat(f.metrics.peersLeft).isZero();
    }

    @Test
    void theSameTokenTakesOverTheId() {
        RecordingConnection first = f.joined("a");
        RecordingConnection b = f.joined("b");

        RecordingConnection second = f.join("a", "tok-a");

        assertThat(first.closeCode).isEqualTo(4000);
        assertThat(first.sent).isEmpty();
        assertThat(first.sentAfterClose).isEmpty();
        assertThat(second.sent).containsExactly(OPEN);
        assertThat(second.closeCode).isNull();
        assertThat(b.sent).as("room mates are told nothing").isEmpty();
        assertThat(f.room.peerIds()).containsExactly("a", "b");
        // One peer, not two: the counts still add up to the room size.
        assertThat(f.metrics.peersJoined - f.metrics.peersLeft).isEqualTo(2);
    }

    @Test
    void afterTakeoverFramesGoToAndComeFromTheNewSocket() {
        RecordingConnection first = f.joined("a");
        RecordingConnection b = f.joined("b");
        RecordingConnection second = f.joined("a");

        f.send(b, candidate("a", 1));
        assertThat(second.sent).containsExactly(RoomFixture.routedCandidate("b", "a", 1));
        assertThat(first.sent).isEmpty();

        f.send(second, candidate("b", 2));
        assertThat(b.sent).containsExactly(RoomFixture.routedCandidate("a", "b", 2));
    }

    @Test
    void lateFramesAndCloseOfTheReplacedSocketChangeNothing() {
        RecordingConnection first = f.joined("a");
        RecordingConnection b = f.joined("b");
        RecordingConnection second = f.joined("a");

        f.send(first, candidate("b", 1));
        f.send(first, "{\"type\":\"LEAVE\"}");
        f.send(first, "garbage");
        f.room.onPong(first);
        f.room.onClose(first);

        assertThat(b.sent).isEmpty();
        assertThat(first.sent).isEmpty();
        assertThat(first.sentAfterClose).isEmpty();
        assertThat(second.sent).isEmpty();
        assertThat(second.closeCode).isNull();
        assertThat(f.room.peerIds()).containsExactly("a", "b");
        // The id is still held: another token cannot take it.
        RecordingConnection impostor = f.join("a", "other-token");
        assertThat(impostor.sent).containsExactly(ID_TAKEN);
        assertThat(f.metrics.peersLeft).isZero();
    }

    @Test
    void takeoverIsAllowedInAFullRoom() {
        f.joined("a");
        RecordingConnection b = f.joined("b");
        f.joined("c");
        f.joined("d");

        RecordingConnection b2 = f.join("b", "tok-b");

        assertThat(b2.sent).containsExactly(OPEN);
        assertThat(b.closeCode).isEqualTo(4000);
        assertThat(f.room.peerIds()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aFifthPeerIsRefusedAsRoomFull() {
        RecordingConnection a = f.joined("a");
        f.joined("b");
        f.joined("c");
        f.joined("d");

        RecordingConnection e = f.join("e");

        assertThat(e.sent).containsExactly(ROOM_FULL);
        assertThat(e.closeCode).isEqualTo(1008);
        assertThat(f.room.peerIds()).containsExactly("a", "b", "c", "d");
        assertThat(a.sent).isEmpty();
        assertThat(f.metrics.errors).containsExactly(ErrorCode.ROOM_FULL);
        assertThat(f.metrics.peersJoined).isEqualTo(4);
    }

    @Test
    void aSeatFreedByALeaveCanBeTaken() {
        f.joined("a");
        RecordingConnection b = f.joined("b");
        f.joined("c");
        f.joined("d");
        f.room.onClose(b);

        assertThat(f.join("e").sent).containsExactly(OPEN);
        assertThat(f.room.peerIds()).containsExactly("a", "c", "d", "e");
    }

    @Test
    void anIdTakenInAFullRoomIsIdTakenNotRoomFull() {
        f.joined("a");
        f.joined("b");
        f.joined("c");
        f.joined("d");
        assertThat(f.join("c", "other-token").sent).containsExactly(ID_TAKEN);
    }

    @Test
    void roomsDoNotShareIds() {
        GameRoom other = new GameRoom("223456789012345678", RoomRules.defaults(), f.clock, f.membership,
                RoomMetrics.NONE, Runnable::run);
        f.joined("a");
        RecordingConnection elsewhere = new RecordingConnection("a-elsewhere");
        other.join("a", "different-token", elsewhere);
        assertThat(elsewhere.sent).containsExactly(OPEN);
        assertThat(other.peerIds()).containsExactly("a");
        assertThat(f.room.roomId()).isEqualTo(ROOM);
    }
}
