package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LEAVE without dst (leave the room) and with dst (tell one peer). */
class LeaveTest {
    private static TestServer server;
    private static long roomSeq = 500000000000000000L;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start(TestConfig.defaults().holdTimeout(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    @Test
    void leaveWithoutDstTellsEveryMateClosesTheSenderAndFreesTheId() throws Exception {
        String room = freshRoom();
        WsClient a = server.join(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        WsClient c = server.join(room, "c", "tc");
        a.send(Frames.CLIENT_LEAVE);
        assertThat(b.next()).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"a\"}");
        assertThat(c.next()).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"a\"}");
        assertThat(a.awaitClose()).isEqualTo(1000);
        assertThat(a.poll(0)).as("the leaver gets no frame").isNull();
        Expect.silent(200, b, c);
        // the id is free at once, for anyone
        WsClient a2 = server.join(room, "a", "another-token");
        Expect.routes(b, "b", a2, "a");
        a2.close();
        b.close();
        c.close();
    }

    @Test
    void leaveFramesCarryNothingButTypeAndSrc() throws Exception {
        String room = freshRoom();
        WsClient a = server.join(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        a.send("{\"type\":\"LEAVE\",\"src\":\"a\",\"payload\":{\"msg\":\"bye\"},\"extra\":1}");
        assertThat(b.next()).isEqualTo(Frames.leave("a"));
        assertThat(a.awaitClose()).isEqualTo(1000);
        b.close();
    }

    @Test
    void leaveFromAFullRoomFreesASeat() throws Exception {
        String room = freshRoom();
        List<WsClient> four = new ArrayList<>();
        for (String id : List.of("p1", "p2", "p3", "p4")) {
            four.add(server.join(room, id, "t-" + id));
        }
        four.get(0).send(Frames.CLIENT_LEAVE);
        assertThat(four.get(0).awaitClose()).isEqualTo(1000);
        WsClient p5 = server.join(room, "p5", "t-p5");
        for (int i = 1; i < 4; i++) {
            assertThat(four.get(i).next()).isEqualTo(Frames.leave("p1"));
        }
        Expect.refused(server.connect(room, "p6", "t-p6"), Frames.ROOM_FULL, 1008);
        p5.close();
        four.forEach(WsClient::close);
    }

    @Test
    void lastPeerLeavingLeavesAnEmptyRoomThatCanBeJoinedAgain() throws Exception {
        String room = freshRoom();
        WsClient a = server.join(room, "a", "ta");
        a.send(Frames.CLIENT_LEAVE);
        assertThat(a.awaitClose()).isEqualTo(1000);
        WsClient again = server.join(room, "a", "tb");
        WsClient b = server.join(room, "b", "tb");
        Expect.routes(again, "a", b, "b");
        again.close();
        b.close();
    }

    @Test
    void leaveWithDstGoesToThatPeerOnly() throws Exception {
        String room = freshRoom();
        WsClient a = server.join(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        WsClient c = server.join(room, "c", "tc");
        a.send("{\"type\":\"LEAVE\",\"dst\":\"b\"}");
        assertThat(b.next()).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"a\",\"dst\":\"b\"}");
        Expect.silent(200, a, c);
        // the sender stays in the room
        assertThat(a.isClosed()).isFalse();
        Expect.routes(a, "a", c, "c");
        Expect.routes(b, "b", a, "a");
        a.close();
        b.close();
        c.close();
    }

    @Test
    void leaveToAnAbsentDstIsDroppedSilentlyNeverHeldNorExpired() throws Exception {
        String room = freshRoom();
        WsClient a = server.join(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        a.send(Frames.clientLeave("ghost"));
        // longer than the hold timeout: no EXPIRE, no ERROR
        Expect.silent(1_200, a, b);
        // not held either: ghost joining gets only OPEN
        WsClient ghost = server.join(room, "ghost", "tg");
        Expect.silent(200, ghost);
        assertThat(a.isClosed()).isFalse();
        Expect.routes(a, "a", b, "b");
        a.close();
        b.close();
        ghost.close();
    }
}
