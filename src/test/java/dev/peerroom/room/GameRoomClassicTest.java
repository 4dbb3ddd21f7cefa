package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.OFFER_PAYLOAD;
import static dev.peerroom.room.RoomFixture.OPEN;
import static dev.peerroom.room.RoomFixture.candidate;
import static dev.peerroom.room.RoomFixture.expire;
import static dev.peerroom.room.RoomFixture.offer;
import static dev.peerroom.room.RoomFixture.routed;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.MessageDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * peerjs-server's classic namespace (--peerjs-compat) as a room: capacity is the concurrent
 * limit, nobody hears of departures, messages to an absent id wait 5 s then EXPIRE, and the
 * stock client's ids (with '_' and spaces) work.
 */
class GameRoomClassicTest {
    private static final String CONCURRENT_LIMIT =
            "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Server has reached its concurrent user limit\",\"code\":\"CONCURRENT_LIMIT\"}}";
    private static final String LEAVE = "{\"type\":\"LEAVE\"}";
    private final MessageDecoder classicDecoder = MessageDecoder.classic();

    /** Room rules of a node with {@code --concurrent-limit limit}, everything else default. */
    private static RoomRules withLimit(int limit) {
        RoomRules d = RoomRules.defaults();
        return new RoomRules(d.maxPeers(), d.heartbeatTimeoutMs(), d.pingIntervalMs(), d.rateLimit(), d.rateWindowMs(),
                d.rateStrikes(), d.holdTimeoutMs(), d.holdMaxMessages(), d.holdMaxBytes(), d.idleRoomTtlMs(),
                d.fullRoomError(), d.announceDepartures(), limit);
    }

    private static RoomFixture classicRoom(int limit) {
        return new RoomFixture(withLimit(limit).classic(), new LocalMembership());
    }

    /** A frame decoded as a classic socket decodes it (ids with '_' and spaces are valid there). */
    private void sendClassic(RoomFixture f, RecordingConnection from, String json) {
        f.room.onMessage(from, classicDecoder.decode(json.getBytes(UTF_8)), System.nanoTime());
    }

    @Test
    void classicRulesTakeTheConcurrentLimitAndScaleTheHoldBoundsByThePerPeerShare() {
        RoomRules rooms = RoomRules.defaults();
        RoomRules classic = rooms.classic();

        assertThat(classic.maxPeers()).isEqualTo(5000);
        assertThat(classic.holdMaxMessages()).isEqualTo(64 * 1250); // ceil(5000 / 4) = 1250
        assertThat(classic.holdMaxBytes()).isEqualTo(256 * 1024 * 1250);
        assertThat(classic.fullRoomError()).isEqualTo(ErrorCode.CONCURRENT_LIMIT);
        assertThat(classic.announceDepartures()).isFalse();
        assertThat(classic.holdTimeoutMs()).isEqualTo(5000);
        assertThat(classic.heartbeatTimeoutMs()).isEqualTo(rooms.heartbeatTimeoutMs());
        assertThat(classic.rateLimit()).isEqualTo(100);
        assertThat(classic.classic()).as("classic rules are their own classic rules").isEqualTo(classic);
        assertThat(rooms.fullRoomError()).isEqualTo(ErrorCode.ROOM_FULL);
        assertThat(rooms.announceDepartures()).isTrue();
    }

    @Test
    void theShareIsRoundedUpAndTheBoundsSaturateInsteadOfOverflowing() {
        assertThat(withLimit(5).classic().holdMaxMessages()).isEqualTo(64 * 2);
        assertThat(withLimit(4).classic().holdMaxMessages()).isEqualTo(64);
        assertThat(withLimit(1).classic().holdMaxMessages()).isEqualTo(64);
        assertThat(withLimit(100_000_000).classic().holdMaxBytes()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theRegistryGivesTheClassicRoomTheClassicRulesAndRoomsTheirOwn() {
        RoomRegistry registry = new RoomRegistry(withLimit(7), new FakeClock(), new LocalMembership(), RoomMetrics.NONE,
                RoomExecutors.direct());
        assertThat(registry.rulesFor("classic")).isEqualTo(withLimit(7).classic());
        assertThat(registry.rulesFor(RoomFixture.ROOM)).isEqualTo(withLimit(7));

        registry.join("classic", "a", "t", new RecordingConnection("a"));
        registry.join(RoomFixture.ROOM, "a", "t", new RecordingConnection("a"));
        assertThat(registry.query("classic", GameRoom::maxPeers, 0).toCompletableFuture().join()).isEqualTo(7);
        assertThat(registry.query(RoomFixture.ROOM, GameRoom::maxPeers, 0).toCompletableFuture().join()).isEqualTo(4);
    }

    @Test
    void aJoinOverTheConcurrentLimitGetsPeerjsServersErrorThen1008() {
        RoomFixture f = classicRoom(3);
        f.joined("a");
        f.joined("b");
        f.joined("c");

        RecordingConnection d = f.join("d");

        assertThat(d.sent).containsExactly(CONCURRENT_LIMIT);
        assertThat(d.closeCode).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(d.closeReason).isEqualTo("Server has reached its concurrent user limit");
        assertThat(f.metrics.errors).containsExactly(ErrorCode.CONCURRENT_LIMIT);
        assertThat(f.room.peerIds()).containsExactly("a", "b", "c");
    }

    @Test
    void aSameTokenReconnectTakesOverEvenAtTheLimit() {
        RoomFixture f = classicRoom(2);
        RecordingConnection a = f.joined("a");
        f.joined("b");

        RecordingConnection again = f.join("a");

        assertThat(again.sent).containsExactly(OPEN);
        assertThat(a.closeCode).isEqualTo(CloseCodes.REPLACED);
        assertThat(f.room.peerIds()).containsExactly("a", "b");
    }

    @Test
    void inRoomsAFullRoomStillSaysRoomFull() {
        RoomFixture f = new RoomFixture();
        for (String id : new String[] {"a", "b", "c", "d"}) {
            f.joined(id);
        }
        assertThat(f.join("e").sent).containsExactly(RoomFixture.ROOM_FULL);
    }

    @Test
    void aLeaveWithoutDstIsAnnouncedToNobodyInClassicButToMatesInRooms() {
        RoomFixture classic = classicRoom(10);
        RecordingConnection a = classic.joined("a");
        RecordingConnection b = classic.joined("b");
        classic.send(a, LEAVE);
        assertThat(b.sent).isEmpty();
        assertThat(a.closeCode).isEqualTo(CloseCodes.NORMAL);
        assertThat(classic.room.hasPeer("a")).isFalse();

        RoomFixture room = new RoomFixture();
        RecordingConnection ra = room.joined("a");
        RecordingConnection rb = room.joined("b");
        room.send(ra, LEAVE);
        assertThat(rb.sent).containsExactly("{\"type\":\"LEAVE\",\"src\":\"a\"}");
    }

    @Test
    void aHeartbeatExpiryIsAnnouncedToNobodyInClassicButToMatesInRooms() {
        RoomFixture classic = classicRoom(10);
        RecordingConnection quiet = classic.joined("quiet");
        RecordingConnection alive = classic.joined("alive");
        classic.clock.advance(5000);
        classic.keepAlive(alive);
        classic.room.tick();
        assertThat(quiet.closeCode).isEqualTo(CloseCodes.STALE);
        assertThat(alive.sent).isEmpty();
        assertThat(classic.room.peerIds()).containsExactly("alive");

        RoomFixture room = new RoomFixture();
        room.joined("quiet");
        RecordingConnection mate = room.joined("alive");
        room.clock.advance(5000);
        room.keepAlive(mate);
        room.room.tick();
        assertThat(mate.sent).containsExactly(expire("quiet"));
    }

    @Test
    void aClosedSocketIsAnnouncedToNobody() {
        RoomFixture f = classicRoom(10);
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        f.room.onClose(a);
        assertThat(b.sent).isEmpty();
        assertThat(f.room.hasPeer("a")).isFalse();
    }

    @Test
    void aKickIsAnnouncedToNobodyInClassic() {
        RoomFixture f = classicRoom(10);
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        assertThat(f.room.announcesDepartures()).isFalse();
        assertThat(new RoomFixture().room.announcesDepartures()).isTrue();

        assertThat(f.room.kick("a")).isTrue();

        assertThat(a.closeCode).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(b.sent).isEmpty();
    }

    @Test
    void aPeerWhoseNodeStoppedRenewingItIsAnnouncedToNobodyInClassic() {
        RoomFixture classic = classicRoom(10);
        RecordingConnection here = classic.joined("here");
        classic.room.remote().stale(List.of("elsewhere"));
        assertThat(here.sent).isEmpty();

        RoomFixture room = new RoomFixture();
        RecordingConnection mate = room.joined("here");
        room.room.remote().stale(List.of("elsewhere"));
        assertThat(mate.sent).containsExactly(expire("elsewhere"));
    }

    @Test
    void anOfferToAnAbsentIdWaitsFiveSecondsThenTheSenderGetsExpire() {
        RoomFixture f = classicRoom(10);
        RecordingConnection a = f.joined("a");
        sendClassic(f, a, offer("not_here yet"));
        f.clock.advance(4999);
        f.keepAlive(a);
        f.room.tick();
        assertThat(a.sent).isEmpty();

        f.tickAfter(1);

        assertThat(a.drain()).containsExactly(expire("not_here yet", "a"));
        assertThat(f.join("not_here yet").sent).containsExactly(OPEN);
    }

    @Test
    void anIdThatRegistersWithinTheWindowGetsTheQueuedOfferWithItsOriginalSender() {
        RoomFixture f = classicRoom(10);
        RecordingConnection caller = f.joined("caller_1");
        sendClassic(f, caller, offer("late comer"));
        f.clock.advance(4000);
        f.keepAlive(caller);

        RecordingConnection late = f.join("late comer");

        assertThat(late.sent).containsExactly(OPEN, routed("OFFER", "caller_1", "late comer", OFFER_PAYLOAD));
        f.tickAfter(2000);
        assertThat(caller.sent).as("delivered, so no EXPIRE").isEmpty();
    }

    @Test
    void theHoldBoundIsScaledByThePerPeerShare() {
        // Room rules hold 2 messages for 4 peers; a namespace of 12 holds 3 times that.
        RoomRules base = RoomFixture.withHold(2, 256 * 1024);
        RoomRules classic = new RoomRules(base.maxPeers(), base.heartbeatTimeoutMs(), base.pingIntervalMs(),
                base.rateLimit(), base.rateWindowMs(), base.rateStrikes(), base.holdTimeoutMs(), base.holdMaxMessages(),
                base.holdMaxBytes(), base.idleRoomTtlMs(), base.fullRoomError(), base.announceDepartures(), 12).classic();
        RoomFixture f = new RoomFixture(classic, new LocalMembership());
        RecordingConnection a = f.joined("a");
        for (int i = 0; i < 6; i++) {
            f.send(a, candidate("c", i));
        }
        assertThat(a.sent).as("six held, within 2 x 3").isEmpty();

        f.send(a, candidate("c", 6));

        assertThat(a.drain()).containsExactly(expire("c", "a"));
    }

    @Test
    void framesOfAReplacedSocketAreIgnoredAndTheNewSocketSpeaksForThePeer() {
        RoomFixture f = classicRoom(10);
        RecordingConnection old = f.joined("p");
        RecordingConnection b = f.joined("b");
        RecordingConnection fresh = f.join("p");
        assertThat(fresh.drain()).containsExactly(OPEN);

        f.send(old, offer("b"));
        assertThat(b.sent).as("the replaced socket no longer speaks for p").isEmpty();
        f.send(fresh, offer("b"));
        assertThat(b.drain()).containsExactly(routed("OFFER", "p", "b", OFFER_PAYLOAD));

        // A late close of the replaced socket must not remove the peer.
        f.room.onClose(old);
        assertThat(f.room.hasPeer("p")).isTrue();
        f.send(fresh, offer("b"));
        assertThat(b.drain()).hasSize(1);
    }

    @Test
    void aSocketThatLeftOrExpiredNoLongerSpeaksEvenWhenItsIdIsTakenAgain() {
        RoomFixture f = classicRoom(10);
        RecordingConnection b = f.joined("b");
        RecordingConnection left = f.joined("x");
        f.send(left, LEAVE);
        RecordingConnection again = f.joined("x");
        f.send(left, offer("b"));
        assertThat(b.sent).isEmpty();
        f.send(again, offer("b"));
        assertThat(b.drain()).hasSize(1);

        f.clock.advance(5000);
        f.keepAlive(b);
        f.room.tick(); // "x" (again) expires
        assertThat(again.closeCode).isEqualTo(CloseCodes.STALE);
        f.send(again, offer("b"));
        assertThat(b.sent).isEmpty();
        RecordingConnection third = f.joined("x");
        f.send(third, offer("b"));
        assertThat(b.drain()).containsExactly(routed("OFFER", "x", "b", OFFER_PAYLOAD));
    }

    @Test
    void idsWithUnderscoresAndSpacesRouteBothWays() {
        RoomFixture f = classicRoom(10);
        RecordingConnection a = f.joined("player_one");
        RecordingConnection b = f.joined("player two");

        sendClassic(f, a, offer("player two"));
        sendClassic(f, b, "{\"type\":\"ANSWER\",\"payload\":" + RoomFixture.ANSWER_PAYLOAD + ",\"dst\":\"player_one\"}");

        assertThat(b.drain()).containsExactly(routed("OFFER", "player_one", "player two", OFFER_PAYLOAD));
        assertThat(a.drain()).containsExactly(routed("ANSWER", "player two", "player_one", RoomFixture.ANSWER_PAYLOAD));
    }
}
