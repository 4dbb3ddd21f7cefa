package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages to an absent id are held, delivered after its OPEN, or answered with one EXPIRE. */
class HoldAndExpireTest {
    /** Short hold timeout: expiry tests stay fast. */
    private static final Duration HOLD = Duration.ofMillis(800);
    private static TestServer quick;
    /** Long hold timeout and small bounds: any EXPIRE that arrives came from the bound, at once. */
    private static TestServer bounded;
    private static long roomSeq = 400000000000000000L;

    @BeforeAll
    static void start() throws InterruptedException {
        quick = TestServer.start(TestConfig.defaults().holdTimeout(HOLD));
        bounded = TestServer.start(TestConfig.defaults().holdTimeout(Duration.ofMinutes(2))
                .rate(10_000, Duration.ofSeconds(1), 3));
    }

    @AfterAll
    static void stop() {
        quick.close();
        bounded.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    @Test
    void heldMessagesAreDeliveredAfterOpenInOrder() throws Exception {
        String room = freshRoom();
        WsClient a = quick.join(room, "a", "ta");
        a.send(Frames.offer("b", "dc_1"));
        a.send(Frames.candidate("b", "dc_1"));
        a.send(Frames.candidate("b", "dc_2"));
        WsClient b = quick.connect(room, "b", "tb");
        assertThat(b.next()).isEqualTo(Frames.OPEN);
        assertThat(b.next()).isEqualTo(Frames.routedOffer("a", "b", "dc_1"));
        assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_1"));
        assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_2"));
        // delivered messages never expire: the sender hears nothing, even after the hold timeout
        Expect.silent(HOLD.toMillis() + 400, a, b);
        a.close();
        b.close();
    }

    @Test
    void heldMessagesFromSeveralSendersKeepArrivalOrderAndTheirSrc() throws Exception {
        String room = freshRoom();
        WsClient a = quick.join(room, "a", "ta");
        WsClient b = quick.join(room, "b", "tb");
        // each probe proves the room has handled the sender's earlier frames, so arrival order is known
        a.send(Frames.offer("c", "dc_a"));
        Expect.routes(a, "a", b, "b");
        b.send(Frames.offer("c", "dc_b"));
        Expect.routes(b, "b", a, "a");
        a.send(Frames.candidate("c", "dc_a"));
        // something else held for another id is not delivered to c
        b.send(Frames.offer("d", "dc_bd"));
        Expect.routes(a, "a", b, "b");
        Expect.routes(b, "b", a, "a");
        WsClient c = quick.connect(room, "c", "tc");
        assertThat(c.next()).isEqualTo(Frames.OPEN);
        assertThat(c.next()).isEqualTo(Frames.routedOffer("a", "c", "dc_a"));
        assertThat(c.next()).isEqualTo(Frames.routedOffer("b", "c", "dc_b"));
        assertThat(c.next()).isEqualTo(Frames.routedCandidate("a", "c", "dc_a"));
        Expect.silent(200, c);
        // d never came: b gets its EXPIRE, a gets none
        assertThat(b.next()).isEqualTo(Frames.expire("d", "b"));
        Expect.silent(300, a, b, c);
        a.close();
        b.close();
        c.close();
    }

    @Test
    void notJoiningInTimeGivesTheSenderExactlyOneExpire() throws Exception {
        String room = freshRoom();
        WsClient a = quick.join(room, "a", "ta");
        WsClient other = quick.join(room, "other", "to");
        a.send(Frames.offer("ghost", "dc_1"));
        a.send(Frames.candidate("ghost", "dc_1"));
        a.send(Frames.candidate("ghost", "dc_2"));
        a.send(Frames.candidate("ghost", "dc_3"));
        assertThat(a.next()).isEqualTo("{\"type\":\"EXPIRE\",\"src\":\"ghost\",\"dst\":\"a\"}");
        Expect.silent(HOLD.toMillis() + 400, a, other);
        // the held messages were discarded: a late joiner gets only OPEN
        WsClient ghost = quick.connect(room, "ghost", "tg");
        assertThat(ghost.next()).isEqualTo(Frames.OPEN);
        Expect.silent(300, ghost);
        // and the sender is still connected and can route
        Expect.routes(a, "a", ghost, "ghost");
        a.close();
        other.close();
        ghost.close();
    }

    @Test
    void eachSenderAndEachAbsentDestinationGetsItsOwnExpire() throws Exception {
        String room = freshRoom();
        WsClient a = quick.join(room, "a", "ta");
        WsClient b = quick.join(room, "b", "tb");
        a.send(Frames.offer("x", "dc_1"));
        a.send(Frames.offer("y", "dc_2"));
        b.send(Frames.offer("x", "dc_3"));
        b.send(Frames.candidate("x", "dc_3"));
        assertThat(java.util.List.of(a.next(), a.next()))
                .containsExactly(Frames.expire("x", "a"), Frames.expire("y", "a"));
        assertThat(b.next()).isEqualTo(Frames.expire("x", "b"));
        Expect.silent(HOLD.toMillis() + 300, a, b);
        a.close();
        b.close();
    }

    @Test
    void peerThatReconnectsWithinTheHoldTimeGetsWhatWasSentMeanwhile() throws Exception {
        String room = freshRoom();
        WsClient a = quick.join(room, "a", "ta");
        WsClient b = quick.join(room, "b", "tb");
        b.close();
        // wait until the server has noticed b is gone (an OFFER to b is then held, not lost)
        WsClient probe = JoinRulesTestSupport.awaitJoinable(quick, room, "b", "tb-probe");
        probe.send(Frames.CLIENT_LEAVE);
        assertThat(probe.awaitClose()).isEqualTo(1000);
        assertThat(a.next()).isEqualTo(Frames.leave("b"));

        a.send(Frames.offer("b", "dc_again"));
        WsClient b2 = quick.connect(room, "b", "tb");
        assertThat(b2.next()).isEqualTo(Frames.OPEN);
        assertThat(b2.next()).isEqualTo(Frames.routedOffer("a", "b", "dc_again"));
        Expect.silent(HOLD.toMillis() + 400, a);
        a.close();
        b2.close();
    }

    @Test
    void heldMessageOutlivesItsSenderAndIsStillDelivered() throws Exception {
        String room = freshRoom();
        WsClient a = quick.join(room, "a", "ta");
        WsClient keep = quick.join(room, "keep", "tk");
        a.send(Frames.offer("late", "dc_1"));
        Expect.routes(a, "a", keep, "keep");
        a.close();
        WsClient late = quick.connect(room, "late", "tl");
        assertThat(late.next()).isEqualTo(Frames.OPEN);
        assertThat(late.next()).isEqualTo(Frames.routedOffer("a", "late", "dc_1"));
        Expect.silent(HOLD.toMillis() + 400, keep, late);
        keep.close();
        late.close();
    }

    @Test
    void expireReachesTheSenderAfterItReconnectedWithItsToken() throws Exception {
        String room = freshRoom();
        WsClient a = quick.join(room, "a", "ta");
        WsClient keep = quick.join(room, "keep", "tk");
        a.send(Frames.offer("never", "dc_1"));
        Expect.routes(a, "a", keep, "keep");
        // PeerJS reconnect(): same id, same token, new socket
        WsClient a2 = quick.connect(room, "a", "ta");
        assertThat(a2.next()).isEqualTo(Frames.OPEN);
        assertThat(a.awaitClose()).isEqualTo(4000);
        assertThat(a2.next()).isEqualTo(Frames.expire("never", "a"));
        Expect.silent(300, a2, keep);
        a2.close();
        keep.close();
    }

    @Test
    void overflowingTheCountBoundExpiresAtOnce() throws Exception {
        String room = freshRoom();
        WsClient a = bounded.join(room, "a", "ta");
        WsClient b = bounded.join(room, "b", "tb");
        for (int i = 0; i < 64; i++) {
            a.send(Frames.candidate("x", "dc_" + i));
        }
        Expect.silent(300, a, b);
        Expect.routes(a, "a", b, "b"); // all 64 handled before b sends
        // the bound is per room: b's first message to another absent id does not fit
        b.send(Frames.offer("y", "dc_y"));
        assertThat(b.next()).isEqualTo(Frames.expire("y", "b"));
        a.send(Frames.candidate("x", "dc_64"));
        assertThat(a.next()).isEqualTo(Frames.expire("x", "a"));
        Expect.silent(300, a, b);
        // both senders stay connected
        Expect.routes(a, "a", b, "b");
        a.close();
        b.close();
    }

    @Test
    void overflowingTheByteBoundExpiresAtOnce() throws Exception {
        String room = freshRoom();
        WsClient a = bounded.join(room, "a", "ta");
        String big = "x".repeat(100 * 1024);
        String bigOffer = "{\"type\":\"OFFER\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\"" + big
                + "\"},\"type\":\"data\",\"connectionId\":\"dc_big\"},\"dst\":\"ghost\"}";
        a.send(bigOffer);
        a.send(bigOffer);
        Expect.silent(300, a);
        a.send(bigOffer); // 300 KiB > 256 KiB
        assertThat(a.next()).isEqualTo(Frames.expire("ghost", "a"));
        Expect.silent(300, a);
        a.close();
    }

    @Test
    void messagesHeldForADestinationAreReleasedWhenItJoinsSoTheBoundFreesUp() throws Exception {
        String room = freshRoom();
        WsClient a = bounded.join(room, "a", "ta");
        for (int i = 0; i < 64; i++) {
            a.send(Frames.candidate("b", "dc_" + i));
        }
        WsClient b = bounded.connect(room, "b", "tb");
        assertThat(b.next()).isEqualTo(Frames.OPEN);
        for (int i = 0; i < 64; i++) {
            assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_" + i));
        }
        // the bound is free again: another 64 can be held
        for (int i = 0; i < 64; i++) {
            a.send(Frames.candidate("c", "dc_" + i));
        }
        Expect.silent(300, a);
        a.close();
        b.close();
    }
}
