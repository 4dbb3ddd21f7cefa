package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OFFER/ANSWER/CANDIDATE exactly as the stock client sends them, and room isolation. */
class RoutingTest {
    private static TestServer server;
    private static long roomSeq = 300000000000000000L;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    @Test
    void offerAnswerCandidateArriveWithSrcStampedAndPayloadUntouched() throws Exception {
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "ta"); WsClient b = server.join(room, "b", "tb")) {
            a.send("{\"type\":\"OFFER\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 4611 2 IN IP4 "
                    + "127.0.0.1\\r\\n...\"},\"type\":\"data\",\"connectionId\":\"dc_abc\",\"label\":\"dc_abc\","
                    + "\"reliable\":false,\"serialization\":\"binary\",\"metadata\":{\"nick\":\"x\"}},\"dst\":\"b\"}");
            assertThat(b.next()).isEqualTo("{\"type\":\"OFFER\",\"src\":\"a\",\"dst\":\"b\",\"payload\":{\"sdp\":"
                    + "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 4611 2 IN IP4 127.0.0.1\\r\\n...\"},\"type\":\"data\","
                    + "\"connectionId\":\"dc_abc\",\"label\":\"dc_abc\",\"reliable\":false,\"serialization\":\"binary\","
                    + "\"metadata\":{\"nick\":\"x\"}}}");

            b.send("{\"type\":\"ANSWER\",\"payload\":{\"sdp\":{\"type\":\"answer\",\"sdp\":\"...\"},\"type\":\"data\","
                    + "\"connectionId\":\"dc_abc\"},\"dst\":\"a\"}");
            assertThat(a.next()).isEqualTo("{\"type\":\"ANSWER\",\"src\":\"b\",\"dst\":\"a\",\"payload\":{\"sdp\":"
                    + "{\"type\":\"answer\",\"sdp\":\"...\"},\"type\":\"data\",\"connectionId\":\"dc_abc\"}}");

            b.send("{\"type\":\"CANDIDATE\",\"payload\":{\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 "
                    + "192.168.1.2 54321 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"abcd\"},"
                    + "\"type\":\"data\",\"connectionId\":\"dc_abc\"},\"dst\":\"a\"}");
            assertThat(a.next()).isEqualTo("{\"type\":\"CANDIDATE\",\"src\":\"b\",\"dst\":\"a\",\"payload\":"
                    + "{\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host\","
                    + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"abcd\"},\"type\":\"data\","
                    + "\"connectionId\":\"dc_abc\"}}");
            Expect.silent(200, a, b);
        }
    }

    @Test
    void payloadBytesAreCopiedVerbatimWhateverTheirSpelling() throws Exception {
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "ta"); WsClient b = server.join(room, "b", "tb")) {
            // whitespace, unicode escapes, raw non-ASCII, numbers with exponents, nested arrays, null:
            // all forwarded byte for byte, in the same key order
            String payload = "{ \"sdp\" : {\"sdp\":\"v=0\\r\\n\\u00e9\\/x\",\"type\":\"offer\"},"
                    + "\"metadata\":{\"name\":\"Zoë 🎲\",\"n\":1.5e3,\"list\":[1,[2,{\"k\":null}],true],\"esc\":\"\\\"q\\\"\"},"
                    + "\"type\":\"media\",\"connectionId\":\"mc_xyz\"  }";
            a.send("{\"dst\":\"b\", \"payload\":" + payload + ",\"type\":\"OFFER\"}");
            assertThat(b.next()).isEqualTo(Frames.routed("OFFER", "a", "b", payload));
            // a string sdp and a string candidate are also accepted
            a.send("{\"type\":\"ANSWER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"v=0\"}}");
            assertThat(b.next()).isEqualTo(Frames.routed("ANSWER", "a", "b", "{\"sdp\":\"v=0\"}"));
            a.send("{\"type\":\"CANDIDATE\",\"dst\":\"b\",\"payload\":{\"candidate\":\"candidate:2 1 udp 1 ::1 9 typ host\"}}");
            assertThat(b.next()).isEqualTo(Frames.routed("CANDIDATE", "a", "b",
                    "{\"candidate\":\"candidate:2 1 udp 1 ::1 9 typ host\"}"));
        }
    }

    @Test
    void extraTopLevelFieldsAreDroppedAndSrcEqualToSenderIsAccepted() throws Exception {
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "ta"); WsClient b = server.join(room, "b", "tb")) {
            a.send("{\"type\":\"OFFER\",\"src\":\"a\",\"extra\":{\"x\":[1,2]},\"payload\":" + Frames.offerPayload("dc_1")
                    + ",\"dst\":\"b\",\"browser\":\"chrome\",\"n\":7}");
            assertThat(b.next()).isEqualTo(Frames.routedOffer("a", "b", "dc_1"));
            Expect.silent(200, a);
        }
    }

    @Test
    void heartbeatIsNeverForwardedNorAnswered() throws Exception {
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "ta"); WsClient b = server.join(room, "b", "tb")) {
            a.send(Frames.HEARTBEAT);
            a.send("{\"type\":\"HEARTBEAT\",\"dst\":\"b\"}");
            a.send("{\"type\":\"HEARTBEAT\",\"dst\":\"a\",\"payload\":7}");
            Expect.silent(300, a, b);
            Expect.routes(a, "a", b, "b");
        }
    }

    @Test
    void messagesFromOnePeerArriveInOrder() throws Exception {
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "ta"); WsClient b = server.join(room, "b", "tb")) {
            for (int i = 0; i < 50; i++) {
                a.send(Frames.candidate("b", "dc_" + i));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_" + i));
            }
        }
    }

    @Test
    void fourPeerMeshRoutesEachMessageOnlyToItsDestination() throws Exception {
        String room = freshRoom();
        String outsiderRoom = freshRoom();
        List<String> ids = List.of("p1", "p2", "p3", "p4");
        List<WsClient> peers = new ArrayList<>();
        for (String id : ids) {
            peers.add(server.join(room, id, "tok-" + id));
        }
        WsClient outsider = server.join(outsiderRoom, "p5", "tok-p5");
        // a full mesh handshake: every ordered pair sends an OFFER, the answerer an ANSWER, both CANDIDATEs
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (i == j) {
                    continue;
                }
                String from = ids.get(i);
                String to = ids.get(j);
                peers.get(i).send(Frames.offer(to, "dc_" + from + to));
                assertThat(peers.get(j).next()).isEqualTo(Frames.routedOffer(from, to, "dc_" + from + to));
                for (int k = 0; k < 4; k++) {
                    if (k != j) {
                        assertThat(peers.get(k).poll(20)).as("leak to " + ids.get(k)).isNull();
                    }
                }
            }
        }
        Expect.silent(200, outsider);
        // a dst in another room is not reachable from here: the OFFER is held, not delivered across rooms
        peers.get(0).send(Frames.offer("p5"));
        Expect.silent(300, outsider);
        peers.forEach(WsClient::close);
        outsider.close();
    }

    @Test
    void sameIdsInTwoRoomsAreIsolated() throws Exception {
        String room1 = freshRoom();
        String room2 = freshRoom();
        WsClient a1 = server.join(room1, "a", "same-token");
        WsClient b1 = server.join(room1, "b", "tb");
        // the same id and even the same token in another room is another peer, not a takeover
        WsClient a2 = server.join(room2, "a", "same-token");
        WsClient b2 = server.join(room2, "b", "tb");
        Expect.silent(200, a1);
        assertThat(a1.isClosed()).isFalse();

        a1.send(Frames.offer("b", "dc_room1"));
        assertThat(b1.next()).isEqualTo(Frames.routedOffer("a", "b", "dc_room1"));
        a2.send(Frames.offer("b", "dc_room2"));
        assertThat(b2.next()).isEqualTo(Frames.routedOffer("a", "b", "dc_room2"));
        Expect.silent(200, b1, b2, a1, a2);

        // a LEAVE in one room does not reach the other
        a1.send(Frames.CLIENT_LEAVE);
        assertThat(b1.next()).isEqualTo(Frames.leave("a"));
        assertThat(a1.awaitClose()).isEqualTo(1000);
        Expect.silent(200, b2, a2);
        Expect.routes(b2, "b", a2, "a");
        a2.close();
        b1.close();
        b2.close();
    }

    @Test
    void fourFullRoomsAtOnceDoNotInterfere() throws Exception {
        List<String> rooms = List.of(freshRoom(), freshRoom(), freshRoom(), freshRoom());
        List<List<WsClient>> clients = new ArrayList<>();
        for (String room : rooms) {
            List<WsClient> list = new ArrayList<>();
            for (String id : List.of("p1", "p2", "p3", "p4")) {
                list.add(server.join(room, id, "t-" + id));
            }
            clients.add(list);
        }
        for (int r = 0; r < 4; r++) {
            clients.get(r).get(0).send(Frames.offer("p2", "dc_room" + r));
        }
        for (int r = 0; r < 4; r++) {
            assertThat(clients.get(r).get(1).next()).isEqualTo(Frames.routedOffer("p1", "p2", "dc_room" + r));
        }
        for (List<WsClient> list : clients) {
            Expect.silent(50, list.toArray(WsClient[]::new));
            list.forEach(WsClient::close);
        }
    }
}
