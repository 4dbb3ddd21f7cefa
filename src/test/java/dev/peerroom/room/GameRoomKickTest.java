package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.OPEN;
import static dev.peerroom.room.RoomFixture.ROOM;
import static dev.peerroom.room.RoomFixture.candidate;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** An operator's kick (admin API): the peer is told and closed, its mates hear LEAVE, its id is free. */
class GameRoomKickTest {
    static final String KICKED = "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Kicked\",\"code\":\"KICKED\"}}";

    /** The in-memory engine, recording what goes to other nodes and what a kick elsewhere would reach. */
    static final class RecordingMembership implements Membership {
        final LocalMembership local = new LocalMembership();
        final List<String> remote = new ArrayList<>();
        final List<String> kicksElsewhere = new ArrayList<>();
        String otherNode;

        @Override
        public CompletionStage<Claim> claim(String roomId, String peerId, String token, int maxPeers) {
            return local.claim(roomId, peerId, token, maxPeers);
        }

        @Override
        public void release(String roomId, String peerId, String token) {
            local.release(roomId, peerId, token);
        }

        @Override
        public CompletionStage<List<String>> members(String roomId) {
            return local.members(roomId);
        }

        @Override
        public boolean forward(String roomId, String src, String dst, byte[] frame) {
            return false;
        }

        @Override
        public void broadcastRemote(String roomId, String exceptPeer, byte[] frame) {
            remote.add("-" + exceptPeer + " " + new String(frame, UTF_8));
        }

        @Override
        public CompletionStage<String> kickElsewhere(String roomId, String peerId) {
            kicksElsewhere.add(roomId + "/" + peerId);
            return CompletableFuture.completedFuture(otherNode);
        }
    }

    private final RecordingMembership membership = new RecordingMembership();
    private final RoomFixture f = new RoomFixture(membership);

    @Test
    void theKickedPeerGetsErrorKickedThenClose1008() {
        f.joined("a");
        RecordingConnection b = f.joined("b");

        assertThat(f.room.kick("b")).isTrue();

        assertThat(b.drain()).containsExactly(KICKED);
        assertThat(b.closeCode).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(b.closeReason).isEqualTo("Kicked");
        assertThat(f.metrics.errors).containsExactly(ErrorCode.KICKED);
        assertThat(f.room.hasPeer("b")).isFalse();
    }

    @Test
    void everyMateHereAndOnOtherNodesGetsLeaveWithTheKickedPeerAsSrc() {
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        RecordingConnection c = f.joined("c");

        f.room.kick("b");

        String leave = "{\"type\":\"LEAVE\",\"src\":\"b\"}";
        assertThat(a.drain()).containsExactly(leave);
        assertThat(c.drain()).containsExactly(leave);
        assertThat(a.closeCode).isNull();
        assertThat(c.closeCode).isNull();
        assertThat(membership.remote).containsExactly("-b " + leave);
        assertThat(f.room.peerIds()).containsExactly("a", "c");
    }

    @Test
    void inTheClassicNamespaceNobodyIsAMateSoNobodyHearsLeave() {
        RoomFixture classic = new RoomFixture(RoomRules.defaults().classic(), membership);
        RecordingConnection a = classic.joined("a");
        RecordingConnection b = classic.joined("b");

        assertThat(classic.room.kick("b")).isTrue();

        assertThat(b.drain()).containsExactly(KICKED);
        assertThat(b.closeCode).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(a.sent).isEmpty();
        assertThat(membership.remote).isEmpty();
        assertThat(classic.room.hasPeer("b")).isFalse();
    }

    @Test
    void theIdIsFreeAtOnceAndTheSamePeerMayJoinAgain() {
        f.joined("a");
        f.joined("b");
        f.room.kick("b");

        assertThat(membership.local.members(ROOM).toCompletableFuture().join()).containsExactly("a");
        // Another token: only a released id lets it in (a held one would answer ID-TAKEN).
        RecordingConnection again = f.join("b", "another-token");
        assertThat(again.drain()).containsExactly(OPEN);
        assertThat(again.closeCode).isNull();
        assertThat(f.room.peerIds()).containsExactly("a", "b");
    }

    @Test
    void theRoomGoesIdleWhenTheLastPeerIsKicked() {
        f.joined("a");
        f.room.kick("a");
        assertThat(f.room.state()).isEqualTo(RoomState.IDLE);
    }

    @Test
    void framesFromTheKickedSocketAfterTheKickMeanNothing() {
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        f.room.kick("b");
        a.drain();

        f.send(b, candidate("a"));

        assertThat(a.sent).isEmpty();
        assertThat(f.metrics.routed).isEmpty();
    }

    @Test
    void anUnknownPeerIsNotFoundAndNobodyHearsAnything() {
        RecordingConnection a = f.joined("a");

        assertThat(f.room.kick("nobody")).isFalse();

        assertThat(a.sent).isEmpty();
        assertThat(a.closeCode).isNull();
        assertThat(membership.remote).isEmpty();
        assertThat(f.metrics.errors).isEmpty();
    }

    @Test
    void theRegistryKicksHereOrHandsTheKickToTheEngineOrFindsNobody() {
        RoomRegistry registry = new RoomRegistry(RoomRules.defaults(), f.clock, membership, RoomMetrics.NONE,
                RoomExecutors.direct());
        RecordingConnection a = new RecordingConnection("a");
        registry.join(ROOM, "a", "tok-a", a);
        registry.join(ROOM, "b", "tok-b", new RecordingConnection("b"));

        RoomRegistry.KickOutcome here = registry.kick(ROOM, "b").toCompletableFuture().join();
        RoomRegistry.KickOutcome nobody = registry.kick(ROOM, "zed").toCompletableFuture().join();
        membership.otherNode = "node-2";
        RoomRegistry.KickOutcome elsewhere = registry.kick("999999999999999999", "c").toCompletableFuture().join();

        assertThat(here).isEqualTo(new RoomRegistry.KickOutcome(RoomRegistry.KickOutcome.Kind.HERE, null));
        assertThat(a.sent).contains("{\"type\":\"LEAVE\",\"src\":\"b\"}");
        assertThat(nobody.kind()).isEqualTo(RoomRegistry.KickOutcome.Kind.NOT_FOUND);
        assertThat(elsewhere).isEqualTo(new RoomRegistry.KickOutcome(RoomRegistry.KickOutcome.Kind.FORWARDED, "node-2"));
        // Only kicks that found nobody here ask the engine.
        assertThat(membership.kicksElsewhere).containsExactly(ROOM + "/zed", "999999999999999999/c");
    }

    @Test
    void queryAllReadsEveryRoomInMemory() {
        RoomRegistry registry = new RoomRegistry(RoomRules.defaults(), f.clock, membership, RoomMetrics.NONE,
                RoomExecutors.direct());
        registry.join(ROOM, "a", "tok-a", new RecordingConnection("a"));
        registry.join("223456789012345678", "b", "tok-b", new RecordingConnection("b"));
        registry.join("223456789012345678", "c", "tok-c", new RecordingConnection("c"));

        List<String> rooms = registry.queryAll(room -> room.roomId() + "=" + room.peerIds())
                .toCompletableFuture().join();

        assertThat(rooms).containsExactlyInAnyOrder(ROOM + "=[a]", "223456789012345678=[b, c]");
    }
}
