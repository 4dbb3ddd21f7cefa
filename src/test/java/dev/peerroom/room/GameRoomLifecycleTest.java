package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.OPEN;
import static dev.peerroom.room.RoomFixture.ROOM;
import static dev.peerroom.room.RoomFixture.candidate;
import static dev.peerroom.room.RoomFixture.routedCandidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.protocol.CloseCodes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Room states: Empty -> Active -> Idle -> (5 min) Hibernated, and back to Active on a join. */
class GameRoomLifecycleTest {
    private static final long TTL = 5 * 60 * 1000;
    private final RoomFixture f = new RoomFixture();

    @Test
    void aNewRoomIsEmptyThenActiveOnTheFirstJoin() {
        assertThat(f.room.state()).isEqualTo(RoomState.EMPTY);
        f.joined("a");
        assertThat(f.room.state()).isEqualTo(RoomState.ACTIVE);
        assertThat(f.metrics.roomStates).containsExactly("EMPTY->ACTIVE");
    }

    @Test
    void anActiveRoomIsNeverDropped() {
        RecordingConnection a = f.joined("a");
        for (int i = 0; i < 200; i++) {
            f.room.onPong(a);
            assertThat(f.tickAfter(2000)).isFalse();
        }
        assertThat(f.room.state()).isEqualTo(RoomState.ACTIVE);
    }

    @Test
    void theRoomIsIdleWhenTheLastPeerLeaves() {
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        f.room.onClose(a);
        assertThat(f.room.state()).isEqualTo(RoomState.ACTIVE);
        f.send(b, "{\"type\":\"LEAVE\"}");
        assertThat(f.room.state()).isEqualTo(RoomState.IDLE);
        assertThat(f.metrics.roomStates).containsExactly("EMPTY->ACTIVE", "ACTIVE->IDLE");
    }

    @Test
    void anIdleRoomIsDroppedOnlyAfterTheIdleTtl() {
        RecordingConnection a = f.joined("a");
        f.clock.advance(10_000);
        f.room.onClose(a);

        assertThat(f.tickAfter(TTL - 1000)).isFalse(); // 4:59
        assertThat(f.tickAfter(999)).isFalse();
        assertThat(f.room.state()).isEqualTo(RoomState.IDLE);

        assertThat(f.tickAfter(1)).isTrue(); // 5:00
        assertThat(f.room.state()).isEqualTo(RoomState.HIBERNATED);
        assertThat(f.metrics.roomStates).containsExactly("EMPTY->ACTIVE", "ACTIVE->IDLE", "IDLE->HIBERNATED");
    }

    @Test
    void aStalePeerLeavingAlsoStartsTheIdleTtl() {
        f.joined("a");
        assertThat(f.tickAfter(5000)).isFalse();
        assertThat(f.room.state()).isEqualTo(RoomState.IDLE);
        assertThat(f.tickAfter(TTL - 1)).isFalse();
        assertThat(f.tickAfter(1)).isTrue();
    }

    @Test
    void aJoinDuringIdleReactivatesAndRestartsTheTtl() {
        RecordingConnection a = f.joined("a");
        f.room.onClose(a);
        f.tickAfter(TTL - 60_000);
        RecordingConnection b = f.joined("b");
        assertThat(f.room.state()).isEqualTo(RoomState.ACTIVE);
        f.clock.advance(1000);
        f.room.onClose(b);

        assertThat(f.tickAfter(TTL - 1)).isFalse();
        assertThat(f.tickAfter(1)).isTrue();
        assertThat(f.metrics.roomStates)
                .containsExactly("EMPTY->ACTIVE", "ACTIVE->IDLE", "IDLE->ACTIVE", "ACTIVE->IDLE", "IDLE->HIBERNATED");
    }

    @Test
    void aJoinAfterHibernationMakesTheRoomActiveAgain() {
        RecordingConnection a = f.joined("a");
        f.room.onClose(a);
        assertThat(f.tickAfter(TTL)).isTrue();

        RecordingConnection a2 = f.join("a");

        assertThat(a2.sent).containsExactly(OPEN);
        assertThat(f.room.state()).isEqualTo(RoomState.ACTIVE);
        assertThat(f.metrics.roomStates).endsWith("IDLE->HIBERNATED", "HIBERNATED->ACTIVE");
    }

    @Test
    void lastActivityFollowsTheMessages() {
        long created = f.room.createdAt();
        RecordingConnection a = f.joined("a");
        f.clock.advance(1234);
        f.heartbeat(a);
        assertThat(f.room.lastActivityAt()).isEqualTo(created + 1234);
    }

    @Test
    void closeAllClosesEverySocketWithTheGivenCode() {
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        f.room.closeAll(CloseCodes.SERVICE_RESTART, "Server restarting");
        assertThat(a.closeCode).isEqualTo(1012);
        assertThat(b.closeCode).isEqualTo(1012);
        assertThat(a.sent).isEmpty();
        assertThat(b.sent).isEmpty();
        assertThat(f.room.peerIds()).isEmpty();
    }

    @Test
    void theRegistryDropsAHibernatedRoomAndMakesANewOneOnTheNextJoin() {
        RoomRegistry registry = new RoomRegistry(RoomRules.defaults(), f.clock, new LocalMembership(),
                RoomMetrics.NONE, RoomExecutors.direct());
        RecordingConnection a = new RecordingConnection("a");
        RecordingConnection b = new RecordingConnection("b");
        registry.join(ROOM, "a", "ta", a);
        registry.join(ROOM, "b", "tb", b);
        assertThat(a.drain()).containsExactly(OPEN);
        assertThat(registry.roomCount()).isEqualTo(1);

        registry.message(ROOM, a, f.decode(candidate("b", 1)), System.nanoTime());
        assertThat(b.drain()).containsExactly(OPEN, routedCandidate("a", "b", 1));
        assertThat(registry.peerIds(ROOM).toCompletableFuture().join()).containsExactly("a", "b");

        registry.closed(ROOM, a);
        registry.closed(ROOM, b);
        f.clock.advance(TTL - 1);
        registry.sweep();
        assertThat(registry.roomCount()).isEqualTo(1);
        f.clock.advance(1);
        registry.sweep();
        assertThat(registry.roomCount()).isZero();
        assertThat(registry.query(ROOM, GameRoom::state, null).toCompletableFuture().join()).isNull();

        // Frames for a dropped room are ignored; a join brings it back.
        registry.message(ROOM, a, f.decode(candidate("b", 2)), System.nanoTime());
        RecordingConnection a2 = new RecordingConnection("a2");
        registry.join(ROOM, "a", "ta", a2);
        assertThat(a2.sent).containsExactly(OPEN);
        List<String> ids = registry.query(ROOM, GameRoom::peerIds, List.<String>of()).toCompletableFuture().join();
        assertThat(ids).containsExactly("a");
    }

    @Test
    void theRegistrySweepsPingsAndExpiresStalePeers() {
        RoomRegistry registry = new RoomRegistry(RoomRules.defaults(), f.clock, new LocalMembership(),
                RoomMetrics.NONE, RoomExecutors.direct());
        RecordingConnection a = new RecordingConnection("a");
        RecordingConnection b = new RecordingConnection("b");
        registry.join(ROOM, "a", "ta", a);
        registry.join(ROOM, "b", "tb", b);
        b.drain();
        f.clock.advance(2000);
        registry.sweep();
        assertThat(a.pings).isEqualTo(1);
        registry.pong(ROOM, b);
        f.clock.advance(3000);
        registry.sweep();
        assertThat(a.closeCode).isEqualTo(4001);
        assertThat(b.drain()).containsExactly("{\"type\":\"EXPIRE\",\"src\":\"a\"}");
    }
}
