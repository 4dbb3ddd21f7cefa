package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.OPEN;
import static dev.peerroom.room.RoomFixture.ROOM;
import static dev.peerroom.room.RoomFixture.expire;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What other nodes report, applied to this node's rooms, on a fake clock: the same rules as for
 * local events (hold, EXPIRE, takeover), with the peer that caused them elsewhere.
 */
class RemoteRoomEventsTest {
    /** The in-memory engine, plus a record of what the room asked the engine to send elsewhere. */
    static final class RecordingEngine implements Membership {
        final LocalMembership local = new LocalMembership();
        final List<String> sent = new ArrayList<>();
        final List<String> released = new ArrayList<>();
        ClusterEvents events;
        boolean knowsElsewhere;

        @Override
        public CompletionStage<Claim> claim(String roomId, String peerId, String token, int maxPeers) {
            return local.claim(roomId, peerId, token, maxPeers);
        }

        @Override
        public void release(String roomId, String peerId, String token) {
            released.add(peerId);
            local.release(roomId, peerId, token);
        }

        @Override
        public CompletionStage<List<String>> members(String roomId) {
            return local.members(roomId);
        }

        @Override
        public boolean forward(String roomId, String src, String dst, byte[] frame) {
            sent.add("forward " + dst + " " + new String(frame, UTF_8));
            return knowsElsewhere;
        }

        @Override
        public void sendToHolder(String roomId, String peerId, byte[] frame) {
            sent.add("holder " + peerId + " " + new String(frame, UTF_8));
        }

        @Override
        public void broadcastRemote(String roomId, String exceptPeer, byte[] frame) {
            sent.add("broadcast -" + exceptPeer + " " + new String(frame, UTF_8));
        }

        @Override
        public void bind(ClusterEvents events) {
            this.events = events;
        }
    }

    private final FakeClock clock = new FakeClock();
    private final RecordingEngine engine = new RecordingEngine();
    private final RoomRegistry registry = new RoomRegistry(RoomRules.defaults(), clock, engine, RoomMetrics.NONE,
            RoomExecutors.direct());
    private RecordingConnection b;

    @BeforeEach
    void bIsHere() {
        b = new RecordingConnection("b");
        registry.join(ROOM, "b", "tb", b);
        assertThat(b.drain()).containsExactly(OPEN);
    }

    /** Moves past the hold timeout and sweeps; the local peers stay alive (a pong just before). */
    private void pastTheHoldTimeout(RecordingConnection... alive) {
        clock.advance(RoomRules.defaults().holdTimeoutMs());
        for (RecordingConnection c : alive) {
            registry.pong(ROOM, c);
        }
        registry.sweep();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void aFrameForALocalPeerIsDeliveredAsItCame() {
        engine.events.frame(ROOM, "a", "b", bytes("{\"type\":\"OFFER\",\"src\":\"a\"}"));
        assertThat(b.drain()).containsExactly("{\"type\":\"OFFER\",\"src\":\"a\"}");
    }

    @Test
    void aFrameForAnAbsentPeerIsHeldThenExpiresBackToItsRemoteSender() {
        engine.events.frame(ROOM, "a", "c", bytes("{\"type\":\"OFFER\"}"));
        assertThat(engine.sent).isEmpty();
        pastTheHoldTimeout(b);
        assertThat(engine.sent).containsExactly("forward a " + expire("c", "a"));
    }

    @Test
    void aFrameForARoomThisNodeDoesNotHaveGoesBackAsExpireThroughTheEngine() {
        engine.events.frame("999999999999999999", "a", "c", bytes("{}"));
        assertThat(engine.sent).containsExactly("holder a " + expire("c", "a"));
    }

    @Test
    void whenTheAbsentPeerJoinsElsewhereItsHeldMessagesGoThere() {
        RecordingConnection a = new RecordingConnection("a");
        registry.join(ROOM, "a", "ta", a);
        registry.message(ROOM, a, new RoomFixture().decode(RoomFixture.candidate("c", 1)), System.nanoTime());
        assertThat(engine.sent).hasSize(1); // the first forward found nobody: held
        engine.knowsElsewhere = true;
        engine.events.joinedElsewhere(ROOM, "c");
        assertThat(engine.sent).hasSize(2);
        assertThat(engine.sent.get(1)).isEqualTo("forward c " + RoomFixture.routedCandidate("a", "c", 1));
        pastTheHoldTimeout(a, b);
        assertThat(a.drain()).containsExactly(OPEN);
    }

    @Test
    void aTakeoverElsewhereClosesTheSocketHereAndKeepsTheClaim() {
        engine.events.replacedElsewhere(ROOM, "b");
        assertThat(b.closeCode).isEqualTo(4000);
        assertThat(engine.released).isEmpty();
        assertThat(registry.peerIds(ROOM).toCompletableFuture().join()).containsExactly("b");
    }

    @Test
    void aLostClaimClosesTheSocketWith1012() {
        engine.events.claimLost(ROOM, "b");
        assertThat(b.closeCode).isEqualTo(1012);
        assertThat(engine.released).isEmpty();
    }

    @Test
    void peersStaleElsewhereExpireToTheMatesHereAndOnOtherNodes() {
        engine.events.stale(ROOM, List.of("x"));
        assertThat(b.drain()).containsExactly(expire("x"));
        assertThat(engine.sent).containsExactly("broadcast -x " + expire("x"));
    }

    @Test
    void aBroadcastFromElsewhereReachesEveryLocalPeerButTheExcludedOne() {
        RecordingConnection a = new RecordingConnection("a");
        registry.join(ROOM, "a", "ta", a);
        a.drain();
        engine.events.broadcast(ROOM, "a", bytes("{\"type\":\"LEAVE\",\"src\":\"x\"}"));
        assertThat(b.drain()).containsExactly("{\"type\":\"LEAVE\",\"src\":\"x\"}");
        assertThat(a.drain()).isEmpty();
    }

    @Test
    void fencingClosesEverySocketWith1012() {
        engine.events.fenced();
        assertThat(b.closeCode).isEqualTo(1012);
    }
}
