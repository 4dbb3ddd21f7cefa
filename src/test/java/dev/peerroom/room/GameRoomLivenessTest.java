package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.OPEN;
import static dev.peerroom.room.RoomFixture.candidate;
import static dev.peerroom.room.RoomFixture.expire;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pings every 2 s, any inbound frame or pong is liveness, 5 s of silence is stale (4001 + EXPIRE). */
class GameRoomLivenessTest {
    private final RoomFixture f = new RoomFixture();
    private RecordingConnection a;
    private RecordingConnection b;
    private RecordingConnection c;

    @BeforeEach
    void threePeers() {
        a = f.joined("a");
        b = f.joined("b");
        c = f.joined("c");
    }

    /** b and c stay alive by pong; a is left to the test. */
    private void othersPong() {
        f.room.onPong(b);
        f.room.onPong(c);
    }

    @Test
    void tickSendsAPingEveryPingInterval() {
        f.tickAfter(1999);
        assertThat(a.pings).isZero();
        f.tickAfter(1);
        assertThat(a.pings).isEqualTo(1);
        othersPong();
        f.room.onPong(a);
        f.tickAfter(1000);
        assertThat(a.pings).isEqualTo(1);
        f.tickAfter(1000);
        assertThat(a.pings).isEqualTo(2);
        assertThat(b.pings).isEqualTo(2);
        assertThat(a.sent).isEmpty();
    }

    @Test
    void aPeerThatKeepsSendingIsNotPingedAndAQuietOneIsPingedAfterTheInterval() {
        for (int i = 0; i < 6; i++) {
            f.tickAfter(1000);
            f.send(a, candidate("b", i));
        }
        assertThat(a.pings).isZero();
        assertThat(b.pings).as("silent: pinged at 2 s and 4 s").isEqualTo(2);

        f.tickAfter(1999);
        assertThat(a.pings).isZero();
        f.tickAfter(1);
        assertThat(a.pings).isEqualTo(1);
        assertThat(a.closeCode).isNull();
    }

    @Test
    void silenceFor5SecondsExpiresThePeer() {
        f.tickAfter(2000);
        othersPong();
        f.tickAfter(2000);
        othersPong();
        assertThat(f.tickAfter(999)).isFalse();
        assertThat(a.closeCode).isNull();

        f.tickAfter(1); // 5000 ms without a frame from a

        assertThat(a.closeCode).isEqualTo(4001);
        assertThat(a.sentAfterClose).isEmpty();
        assertThat(b.drain()).containsExactly(expire("a"));
        assertThat(c.drain()).containsExactly(expire("a"));
        assertThat(f.room.peerIds()).containsExactly("b", "c");
        assertThat(f.metrics.heartbeatsExpired).isEqualTo(1);
        assertThat(f.metrics.peersLeft).isEqualTo(1);
        // Once only.
        othersPong();
        f.tickAfter(1000);
        assertThat(b.sent).isEmpty();
    }

    @Test
    void theStaleIdIsFreeAtOnce() {
        othersPong();
        f.tickAfter(5000);
        assertThat(a.closeCode).isEqualTo(4001);
        assertThat(f.join("a", "brand-new-token").sent).containsExactly(OPEN);
    }

    @Test
    void aPongRefreshesLiveness() {
        f.clock.advance(4000);
        f.room.onPong(a);
        othersPong();
        f.tickAfter(4999);
        assertThat(a.closeCode).isNull();
        othersPong();
        f.tickAfter(1);
        assertThat(a.closeCode).isEqualTo(4001);
    }

    @Test
    void anyInboundFrameRefreshesLiveness() {
        f.clock.advance(4000);
        f.send(a, "{\"type\":\"HEARTBEAT\"}");
        othersPong();
        f.tickAfter(4000);
        assertThat(a.closeCode).isNull();

        f.send(a, candidate("b", 1));
        othersPong();
        f.tickAfter(4000);
        assertThat(a.closeCode).isNull();

        f.send(a, "not even json");
        othersPong();
        f.tickAfter(4999);
        assertThat(a.closeCode).isNull();
    }

    @Test
    void pingsDoNotKeepASilentPeerAlive() {
        for (int i = 0; i < 3; i++) {
            othersPong();
            f.tickAfter(2000);
        }
        assertThat(a.pings).isEqualTo(2);
        assertThat(a.closeCode).isEqualTo(4001);
    }

    @Test
    void aSocketThatClosesLeavesSilentlyAndFreesTheId() {
        f.room.onClose(a);

        assertThat(b.sent).isEmpty();
        assertThat(c.sent).isEmpty();
        assertThat(a.sentAfterClose).isEmpty();
        assertThat(f.room.peerIds()).containsExactly("b", "c");
        assertThat(f.metrics.peersLeft).isEqualTo(1);
        assertThat(f.join("a", "brand-new-token").sent).containsExactly(OPEN);
        // No stale EXPIRE later for the closed socket.
        othersPong();
        f.tickAfter(6000);
        assertThat(b.sent).doesNotContain(expire("a"));
    }

    @Test
    void aDoubleCloseCountsOnce() {
        f.room.onClose(a);
        f.room.onClose(a);
        assertThat(f.metrics.peersLeft).isEqualTo(1);
        assertThat(f.room.peerIds()).containsExactly("b", "c");
    }

    @Test
    void framesOfAClosedSocketAreIgnored() {
        f.room.onClose(a);
        f.send(a, candidate("b", 1));
        f.room.onPong(a);
        assertThat(b.sent).isEmpty();
        assertThat(a.sent).isEmpty();
    }
}
