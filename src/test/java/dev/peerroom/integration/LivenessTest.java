package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pings, the heartbeat timeout (4001 + EXPIRE to mates), and silent leaving on any other close. */
class LivenessTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static TestServer server;
    private static long roomSeq = 600000000000000000L;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start(TestConfig.defaults().heartbeatTimeout(TIMEOUT).pingInterval(Duration.ofMillis(150)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    @Test
    void normalCloseIsSilentForMatesAndFreesTheIdAtOnce() throws Exception {
        String room = freshRoom();
        WsClient a = server.join(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        a.close();
        // the reconnecting client uses a new token (a new Peer object): it gets in
        WsClient a2 = JoinRulesTestSupport.awaitJoinable(server, room, "a", "new-token");
        // mates are told nothing, not even after several heartbeat timeouts
        Expect.silent(TIMEOUT.toMillis() * 2, b);
        Expect.routes(b, "b", a2, "a");
        a2.close();
        b.close();
    }

    @Test
    void tcpResetIsSilentForMatesAndFreesTheId() throws Exception {
        String room = freshRoom();
        RawWsClient a = server.joinRaw(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        a.reset();
        WsClient a2 = JoinRulesTestSupport.awaitJoinable(server, room, "a", "new-token");
        Expect.silent(TIMEOUT.toMillis() * 2, b);
        Expect.routes(b, "b", a2, "a");
        a2.close();
        b.close();
    }

    @Test
    void peerThatNeverAnswersPingsIsClosed4001AndMatesGetExpire() throws Exception {
        String room = freshRoom();
        RawWsClient a = server.joinRaw(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        WsClient c = server.join(room, "c", "tc");
        List<String> texts = new ArrayList<>();
        assertThat(a.awaitClose(texts)).isEqualTo(4001);
        assertThat(texts).as("frames before the close").isEmpty();
        assertThat(a.pingsSeen()).as("the server pinged before giving up").isGreaterThan(0);
        assertThat(a.tcpClosedByServer()).isTrue();
        assertThat(b.next()).isEqualTo("{\"type\":\"EXPIRE\",\"src\":\"a\"}");
        assertThat(c.next()).isEqualTo("{\"type\":\"EXPIRE\",\"src\":\"a\"}");
        Expect.silent(500, b, c);
        // the stale peer left the room: its id is free, messages to it are held, not delivered
        WsClient a2 = server.join(room, "a", "new-token");
        Expect.routes(b, "b", a2, "a");
        a2.close();
        b.close();
        c.close();
    }

    @Test
    void staleExpiryOfOnePeerLeavesTheOthersAlone() throws Exception {
        String room = freshRoom();
        RawWsClient stale1 = server.joinRaw(room, "s1", "t1");
        WsClient live = server.join(room, "live", "tl");
        RawWsClient stale2 = server.joinRaw(room, "s2", "t2");
        assertThat(stale1.awaitClose()).isEqualTo(4001);
        assertThat(stale2.awaitClose()).isEqualTo(4001);
        List<String> seen = List.of(live.next(), live.next());
        assertThat(seen).containsExactlyInAnyOrder(Frames.expireStale("s1"), Frames.expireStale("s2"));
        Expect.silent(TIMEOUT.toMillis() * 2, live);
        assertThat(live.isClosed()).isFalse();
    }

    @Test
    void clientThatAnswersPingsButSendsNothingStaysConnected() throws Exception {
        String room = freshRoom();
        WsClient a = server.join(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        // several heartbeat timeouts
        Expect.silent(TIMEOUT.toMillis() * 3, a, b);
        assertThat(a.isClosed()).isFalse();
        assertThat(b.isClosed()).isFalse();
        Expect.routes(a, "a", b, "b");
        Expect.routes(b, "b", a, "a");
        a.close();
        b.close();
    }

    @Test
    void heartbeatTextFramesAloneKeepAPeerAlive() throws Exception {
        String room = freshRoom();
        RawWsClient a = server.joinRaw(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        a.setReadTimeout(200);
        long until = System.currentTimeMillis() + TIMEOUT.toMillis() * 3;
        while (System.currentTimeMillis() < until) {
            a.sendText(Frames.HEARTBEAT);
            try {
                RawWsClient.Frame f = a.readFrame();
                assertThat(f.opcode()).as("only pings may arrive").isEqualTo(RawWsClient.OP_PING);
            } catch (java.net.SocketTimeoutException e) {
                // nothing this round
            }
        }
        Expect.silent(100, b);
        // still in the room
        a.setReadTimeout(10_000);
        b.send(Frames.offer("a"));
        assertThat(a.nextText()).isEqualTo(Frames.routedOffer("b", "a"));
        a.close();
        b.close();
    }
}
