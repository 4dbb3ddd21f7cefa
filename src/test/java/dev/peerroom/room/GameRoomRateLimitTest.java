package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.RATE_LIMITED;
import static dev.peerroom.room.RoomFixture.candidate;
import static dev.peerroom.room.RoomFixture.routedCandidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.protocol.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 100 frames per 1 s window: the excess is dropped with one ERROR; a 3rd bad window closes 1008. */
class GameRoomRateLimitTest {
    private final RoomFixture f = new RoomFixture();
    private RecordingConnection a;
    private RecordingConnection b;

    @BeforeEach
    void twoPeers() {
        a = f.joined("a");
        b = f.joined("b");
    }

    private void heartbeats(int n) {
        for (int i = 0; i < n; i++) {
            f.heartbeat(a);
        }
    }

    @Test
    void theHundredFirstMessageIsDroppedWithOneError() {
        heartbeats(99);
        f.send(a, candidate("b", 100));
        assertThat(b.drain()).containsExactly(routedCandidate("a", "b", 100));

        f.send(a, candidate("b", 101));
        f.send(a, candidate("b", 102));
        f.clock.advance(999);
        f.send(a, candidate("b", 103));

        assertThat(b.sent).isEmpty();
        assertThat(a.drain()).containsExactly(RATE_LIMITED);
        assertThat(a.closeCode).isNull();
        assertThat(f.metrics.rateLimitDropped).isEqualTo(3);
        assertThat(f.metrics.errors).containsExactly(ErrorCode.RATE_LIMITED);
    }

    @Test
    void theNextWindowIsAllowedAgain() {
        heartbeats(101);
        a.drain();
        f.clock.advance(1000);
        f.send(a, candidate("b", 1));
        assertThat(b.drain()).containsExactly(routedCandidate("a", "b", 1));
        assertThat(a.sent).isEmpty();
    }

    @Test
    void invalidFramesCountToo() {
        for (int i = 0; i < 100; i++) {
            f.send(a, "garbage");
        }
        a.drain();
        f.send(a, "garbage");
        assertThat(a.drain()).containsExactly(RATE_LIMITED);
    }

    @Test
    void pongsDoNotCount() {
        for (int i = 0; i < 500; i++) {
            f.room.onPong(a);
        }
        heartbeats(100);
        assertThat(a.sent).isEmpty();
    }

    @Test
    void theThirdConsecutiveWindowOverTheLimitClosesWith1008() {
        heartbeats(101);
        f.clock.advance(1000);
        heartbeats(101);
        assertThat(a.drain()).containsExactly(RATE_LIMITED, RATE_LIMITED);
        assertThat(a.closeCode).isNull();
        f.clock.advance(1000);

        heartbeats(101);

        assertThat(a.drain()).containsExactly(RATE_LIMITED);
        assertThat(a.closeCode).isEqualTo(1008);
        assertThat(b.sent).as("room mates are told nothing").isEmpty();
        assertThat(f.room.peerIds()).containsExactly("b");
        assertThat(f.metrics.peersLeft).isEqualTo(1);
        // Its id is free, and its late frames and close change nothing.
        f.send(a, candidate("b", 1));
        f.room.onClose(a);
        assertThat(b.sent).isEmpty();
        assertThat(f.metrics.peersLeft).isEqualTo(1);
        assertThat(f.join("a", "another-token").sent).containsExactly(RoomFixture.OPEN);
    }

    @Test
    void aWindowWithinTheLimitBreaksTheStreak() {
        heartbeats(101);
        f.clock.advance(1000);
        heartbeats(101);
        f.clock.advance(1000);
        heartbeats(50);
        f.clock.advance(1000);
        heartbeats(101);
        assertThat(a.closeCode).isNull();
        assertThat(a.drain()).containsExactly(RATE_LIMITED, RATE_LIMITED, RATE_LIMITED);
    }

    @Test
    void eachPeerHasItsOwnLimit() {
        heartbeats(101);
        for (int i = 0; i < 100; i++) {
            f.heartbeat(b);
        }
        assertThat(b.sent).isEmpty();
    }
}
