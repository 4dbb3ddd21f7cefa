package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.ID_TAKEN;
import static dev.peerroom.room.RoomFixture.INVALID_MESSAGE;
import static dev.peerroom.room.RoomFixture.OPEN;
import static dev.peerroom.room.RoomFixture.ROOM;
import static dev.peerroom.room.RoomFixture.ROOM_FULL;
import static dev.peerroom.room.RoomFixture.candidate;
import static dev.peerroom.room.RoomFixture.offer;
import static dev.peerroom.room.RoomFixture.routed;
import static dev.peerroom.room.RoomFixture.routedCandidate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A membership whose answer arrives later: the client may send before OPEN; a close must release. */
class GameRoomPendingJoinTest {
    private final DeferredMembership membership = new DeferredMembership();
    private final RoomFixture f = new RoomFixture(membership);
    private RecordingConnection b;

    @BeforeEach
    void bIsIn() {
        b = f.join("b");
        membership.answerNext();
        assertThat(b.drain()).containsExactly(OPEN);
    }

    @Test
    void nothingIsSentUntilTheClaimIsAnswered() {
        RecordingConnection a = f.join("a");
        assertThat(a.sent).isEmpty();
        assertThat(f.room.peerIds()).containsExactly("b");
        membership.answerNext();
        assertThat(a.sent).containsExactly(OPEN);
        assertThat(f.room.peerIds()).containsExactly("b", "a");
    }

    @Test
    void framesSentBeforeOpenAreHandledAfterOpenInOrder() {
        RecordingConnection a = f.join("a");
        f.send(a, offer("b"));
        f.send(a, "garbage");
        f.send(a, candidate("b", 1));
        f.send(a, candidate("b", 2));
        assertThat(b.sent).isEmpty();
        assertThat(a.sent).isEmpty();

        membership.answerNext();

        assertThat(a.sent).containsExactly(OPEN, INVALID_MESSAGE);
        assertThat(b.sent).containsExactly(
                routed("OFFER", "a", "b", RoomFixture.OFFER_PAYLOAD),
                routedCandidate("a", "b", 1),
                routedCandidate("a", "b", 2));
    }

    @Test
    void messagesHeldForAPendingPeerComeAfterItsOpenAndBeforeItsOwnQueuedFrames() {
        RecordingConnection a = f.join("a");
        f.send(b, candidate("a", 1));
        f.send(a, candidate("b", 2));

        membership.answerNext();

        assertThat(a.sent).containsExactly(OPEN, routedCandidate("b", "a", 1));
        assertThat(b.sent).containsExactly(routedCandidate("a", "b", 2));
    }

    @Test
    void aSocketClosedWhilePendingReleasesItsClaim() {
        RecordingConnection a = f.join("a");
        f.send(a, candidate("b", 1));
        f.room.onClose(a);
        assertThat(membership.membersNow(ROOM)).containsExactly("b", "a");

        membership.answerNext();

        assertThat(a.sent).isEmpty();
        assertThat(b.sent).isEmpty();
        assertThat(f.room.peerIds()).containsExactly("b");
        assertThat(membership.membersNow(ROOM)).containsExactly("b");
        assertThat(f.metrics.peersJoined).isEqualTo(1);
        RecordingConnection again = f.join("a", "another-token");
        membership.answerNext();
        assertThat(again.sent).containsExactly(OPEN);
    }

    @Test
    void aPendingRoomIsNotDropped() {
        f.room.onClose(b);
        RecordingConnection a = f.join("a");
        assertThat(f.tickAfter(10 * 60 * 1000)).isFalse();
        membership.answerNext();
        assertThat(a.sent).containsExactly(OPEN);
        assertThat(f.room.state()).isEqualTo(RoomState.ACTIVE);
    }

    @Test
    void refusalsArriveWhenTheClaimIsAnswered() {
        RecordingConnection impostor = f.join("b", "other-token");
        assertThat(impostor.sent).isEmpty();
        membership.answerNext();
        assertThat(impostor.sent).containsExactly(ID_TAKEN);
        assertThat(impostor.closeCode).isEqualTo(1008);

        f.join("c");
        f.join("d");
        f.join("e");
        RecordingConnection fifth = f.join("g");
        membership.answerNext();
        membership.answerNext();
        membership.answerNext();
        membership.answerNext();
        assertThat(fifth.sent).containsExactly(ROOM_FULL);
        assertThat(fifth.closeCode).isEqualTo(1008);
    }

    @Test
    void aFailedClaimClosesTheSocketForARetry() {
        RecordingConnection a = f.join("a");
        f.send(a, candidate("b", 1));
        membership.failNext();
        assertThat(a.sent).isEmpty();
        assertThat(a.closeCode).isEqualTo(1012);
        assertThat(b.sent).isEmpty();
        assertThat(f.room.peerIds()).containsExactly("b");
    }

    // ---- Races between a reconnect (same id and token) and the close of the socket it replaces

    @Test
    void theOldSocketClosingWhileATakeoverIsPendingKeepsTheIdForTheNewSocket() {
        RecordingConnection first = f.join("a");
        membership.answerNext();
        RecordingConnection second = f.join("a", "tok-a"); // PeerJS reconnect(): same token
        f.room.onClose(first);

        membership.answerNext();

        assertThat(second.sent).containsExactly(OPEN);
        assertThat(membership.membersNow(ROOM)).containsExactly("b", "a");
        RecordingConnection impostor = f.join("a", "other-token");
        membership.answerNext();
        assertThat(impostor.sent).containsExactly(ID_TAKEN);
        assertThat(second.closeCode).isNull();
        f.send(b, candidate("a", 1));
        assertThat(second.sent).endsWith(routedCandidate("b", "a", 1));
    }

    @Test
    void aReconnectWhileTheFirstClaimIsPendingInheritsIt() {
        RecordingConnection first = f.join("a");
        f.room.onClose(first);
        RecordingConnection second = f.join("a", "tok-a");

        membership.answerNext(); // first: JOINED, but its socket is gone
        membership.answerNext(); // second: REPLACED

        assertThat(second.sent).containsExactly(OPEN);
        assertThat(f.room.peerIds()).containsExactly("b", "a");
        assertThat(membership.membersNow(ROOM)).containsExactly("b", "a");
        RecordingConnection impostor = f.join("a", "other-token");
        membership.answerNext();
        assertThat(impostor.sent).containsExactly(ID_TAKEN);
        assertThat(second.closeCode).isNull();
    }

    @Test
    void whenBothSocketsCloseTheIdIsReleased() {
        RecordingConnection first = f.join("a");
        membership.answerNext();
        RecordingConnection second = f.join("a", "tok-a");
        f.room.onClose(first);
        f.room.onClose(second);

        membership.answerNext();

        assertThat(second.sent).isEmpty();
        assertThat(f.room.peerIds()).containsExactly("b");
        assertThat(membership.membersNow(ROOM)).containsExactly("b");
    }

    @Test
    void aTakeoverWhoseSocketClosesWhilePendingLeavesTheHolderInPlace() {
        RecordingConnection first = f.join("a");
        membership.answerNext();
        first.drain();
        RecordingConnection second = f.join("a", "tok-a");
        f.room.onClose(second);

        membership.answerNext();

        assertThat(first.closeCode).isNull();
        assertThat(f.room.peerIds()).containsExactly("b", "a");
        assertThat(membership.membersNow(ROOM)).containsExactly("b", "a");
        f.send(b, candidate("a", 1));
        assertThat(first.sent).containsExactly(routedCandidate("b", "a", 1));
    }

    @Test
    void shutdownReleasesEveryIdAtOnceEvenWithATakeoverPending() {
        RecordingConnection first = f.join("a");
        membership.answerNext();
        RecordingConnection second = f.join("a", "tok-a");

        f.room.closeAll(1012, "Server restarting");

        assertThat(first.closeCode).isEqualTo(1012);
        assertThat(second.closeCode).isEqualTo(1012);
        assertThat(b.closeCode).isEqualTo(1012);
        assertThat(membership.membersNow(ROOM)).isEmpty();
        membership.answerNext();
        assertThat(second.sentAfterClose).isEmpty();
        assertThat(membership.membersNow(ROOM)).isEmpty();
    }
}
