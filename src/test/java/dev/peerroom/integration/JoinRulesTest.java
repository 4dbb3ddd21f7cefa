package dev.peerroom.integration;

import static dev.peerroom.integration.TestServer.ROOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the contract's join table, in order, over real sockets. */
class JoinRulesTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String base() {
        return "ws://127.0.0.1:" + server.port();
    }

    /** A room of its own for each test, so tests never see each other's peers. */
    private static int roomCounter = 0;

    private static synchronized String freshRoom() {
        return String.valueOf(200000000000000000L + (++roomCounter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12345678901234567x", "1234567890123456", "012345678901234567",
            "123456789012345678901", "18446744073709551616", "-12345678901234567"})
    void invalidRoomIdIsRefused(String room) throws Exception {
        WsClient c = WsClient.connect(base() + "/rooms/" + room + "/peerjs?key=peerjs&id=a&token=t&version=1.5.5");
        Expect.refused(c, Frames.INVALID_ROOM, 1008);
    }

    @Test
    void invalidRoomIsCheckedBeforeParameters() throws Exception {
        WsClient c = WsClient.connect(base() + "/rooms/abc/peerjs");
        Expect.refused(c, Frames.INVALID_ROOM, 1008);
        WsClient d = WsClient.connect(base() + "/rooms/abc/peerjs?key=wrong&id=a_b&token=t");
        Expect.refused(d, Frames.INVALID_ROOM, 1008);
    }

    @Test
    void boundaryRoomIdsAreAccepted() throws Exception {
        for (String room : List.of("10000000000000000", "18446744073709551615", "99999999999999999")) {
            try (WsClient c = server.join(room, "edge", "t")) {
                assertThat(c.isClosed()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"key=peerjs&token=t", "key=peerjs&id=&token=t", "key=peerjs&id=a",
            "key=peerjs&id=a&token=", "id=a&token=t", "key=&id=a&token=t", "", "version=1.5.5",
            // missing parameters are reported before a wrong key or a bad id
            "key=wrong&id=&token=t", "key=wrong&id=a_b", "key=&id=a_b&token=t"})
    void missingOrEmptyParametersAreRefused(String query) throws Exception {
        WsClient c = WsClient.connect(base() + "/rooms/" + ROOM + "/peerjs?" + query);
        Expect.refused(c, Frames.MISSING_PARAMS, 1008);
    }

    @ParameterizedTest
    @ValueSource(strings = {"key=wrong&id=a&token=t", "key=PEERJS&id=a&token=t",
            // the key is checked before the peer id
            "key=wrong&id=a_b&token=t"})
    void wrongKeyIsRefused(String query) throws Exception {
        WsClient c = WsClient.connect(base() + "/rooms/" + ROOM + "/peerjs?" + query + "&version=1.5.5");
        Expect.refused(c, Frames.INVALID_KEY, 1008);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_b", "a%20b", "a+b", "a.b", "%C3%A9", "a%00", "a%2Fb"})
    void invalidPeerIdIsRefused(String id) throws Exception {
        WsClient c = server.connect(ROOM, id, "t");
        Expect.refused(c, Frames.INVALID_ID, 1008);
    }

    @Test
    void sixtyFiveCharacterIdIsRefused() throws Exception {
        WsClient c = server.connect(ROOM, "a".repeat(65), "t");
        Expect.refused(c, Frames.INVALID_ID, 1008);
    }

    @Test
    void sixtyFourCharacterIdWithDashesAndMixedCaseIsAccepted() throws Exception {
        String id = "Ab-" + "z".repeat(59) + "-9";
        assertThat(id).hasSize(64);
        String room = freshRoom();
        try (WsClient c = server.join(room, id, "t"); WsClient other = server.join(room, "other", "t2")) {
            Expect.routes(other, "other", c, id);
            // ids are case-sensitive: "ab" and "AB" are two peers
            try (WsClient lower = server.join(room, "ab", "t3"); WsClient upper = server.join(room, "AB", "t4")) {
                Expect.routes(lower, "ab", upper, "AB");
            }
        }
    }

    @Test
    void acceptedJoinGetsExactlyOpenAndNothingElse() throws Exception {
        WsClient c = server.connect(freshRoom(), "solo", "t");
        assertThat(c.next()).isEqualTo("{\"type\":\"OPEN\"}");
        Expect.silent(300, c);
        assertThat(c.isClosed()).isFalse();
        c.close();
    }

    @Test
    void idInUseWithAnotherTokenIsTaken() throws Exception {
        String room = freshRoom();
        WsClient a = server.join(room, "a", "token-1");
        WsClient b = server.join(room, "b", "token-b");
        WsClient thief = server.connect(room, "a", "token-2");
        Expect.refused(thief, "{\"type\":\"ID-TAKEN\",\"payload\":{\"msg\":\"ID is taken\"}}", 1008);
        // the holder keeps its id and socket; its mates heard nothing
        Expect.silent(200, a, b);
        assertThat(a.isClosed()).isFalse();
        Expect.routes(b, "b", a, "a");
        Expect.routes(a, "a", b, "b");
        a.close();
        b.close();
    }

    @Test
    void idTakenIsCheckedBeforeRoomFull() throws Exception {
        String room = freshRoom();
        List<WsClient> four = new ArrayList<>();
        for (String id : List.of("p1", "p2", "p3", "p4")) {
            four.add(server.join(room, id, "tok-" + id));
        }
        WsClient thief = server.connect(room, "p2", "other-token");
        Expect.refused(thief, Frames.ID_TAKEN, 1008);
        four.forEach(WsClient::close);
    }

    @Test
    void sameTokenReplacesTheOldSocketEvenInAFullRoom() throws Exception {
        String room = freshRoom();
        List<WsClient> mates = new ArrayList<>();
        WsClient old = server.join(room, "a", "same");
        for (String id : List.of("b", "c", "d")) {
            mates.add(server.join(room, id, "tok-" + id));
        }
        // the room is full: a fifth id is refused
        Expect.refused(server.connect(room, "e", "tok-e"), Frames.ROOM_FULL, 1008);

        WsClient fresh = server.connect(room, "a", "same");
        assertThat(fresh.next()).isEqualTo(Frames.OPEN);
        assertThat(old.awaitClose()).isEqualTo(4000);
        assertThat(old.poll(0)).as("the replaced socket gets no frame").isNull();
        // room mates are told nothing
        Expect.silent(300, mates.toArray(WsClient[]::new));
        // messages for "a" now reach the new socket, and it can send
        Expect.routes(mates.get(0), "b", fresh, "a");
        Expect.routes(fresh, "a", mates.get(2), "d");
        // still four members: the room is still full
        Expect.refused(server.connect(room, "e", "tok-e"), Frames.ROOM_FULL, 1008);
        fresh.close();
        mates.forEach(WsClient::close);
    }

    @Test
    void fifthPeerIsRefusedAndTheFourStay() throws Exception {
        String room = freshRoom();
        List<WsClient> four = new ArrayList<>();
        for (String id : List.of("p1", "p2", "p3", "p4")) {
            four.add(server.join(room, id, "tok-" + id));
        }
        WsClient fifth = server.connect(room, "p5", "tok-p5");
        Expect.refused(fifth, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Room is full\",\"code\":\"ROOM_FULL\"}}", 1008);
        Expect.silent(200, four.toArray(WsClient[]::new));
        Expect.routes(four.get(3), "p4", four.get(0), "p1");
        // a seat freed by a member lets p5 in
        four.get(1).close();
        WsClient p5 = JoinRulesTestSupport.awaitJoinable(server, room, "p5", "tok-p5");
        Expect.routes(p5, "p5", four.get(2), "p3");
        p5.close();
        four.forEach(WsClient::close);
    }

    @Test
    void offerSentBeforeReadingOpenIsRouted() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        for (int i = 0; i < 20; i++) {
            WsClient a = server.connect(room, "a", "ta" + i);
            a.send(Frames.offer("b", "dc_" + i));
            a.send(Frames.candidate("b", "dc_" + i));
            assertThat(b.next()).isEqualTo(Frames.routedOffer("a", "b", "dc_" + i));
            assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_" + i));
            assertThat(a.next()).isEqualTo(Frames.OPEN);
            a.send(Frames.CLIENT_LEAVE);
            assertThat(b.next()).isEqualTo(Frames.leave("a"));
            assertThat(a.awaitClose()).isEqualTo(1000);
        }
        b.close();
    }

    @Test
    void percentEncodedQueryValuesAreDecoded() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        // id "a-1", key "peerjs", token "x&y z"
        WsClient a = WsClient.connect(base() + "/rooms/" + room
                + "/peerjs?key=%70eer%6As&id=%61%2D1&token=x%26y%20z&version=1.5.5");
        assertThat(a.next()).isEqualTo(Frames.OPEN);
        Expect.routes(b, "b", a, "a-1");
        Expect.routes(a, "a-1", b, "b");
        // the same decoded token, spelled differently, is the same token: takeover, not ID-TAKEN
        WsClient again = WsClient.connect(base() + "/rooms/" + room + "/peerjs?key=peerjs&id=a-1&token=x%26y+z");
        assertThat(again.next()).isEqualTo(Frames.OPEN);
        assertThat(a.awaitClose()).isEqualTo(4000);
        // and the raw, undecoded spelling is a different token
        WsClient other = WsClient.connect(base() + "/rooms/" + room + "/peerjs?key=peerjs&id=a-1&token=x%2526y%2520z");
        Expect.refused(other, Frames.ID_TAKEN, 1008);
        again.close();
        b.close();
    }

    @Test
    void otherUpgradePathsAre404() {
        for (String path : List.of("/peerjs?key=peerjs&id=a&token=t", "/rooms/" + ROOM + "/peerjs/x?key=peerjs&id=a&token=t",
                "/rooms/" + ROOM + "/other?key=peerjs&id=a&token=t", "/myapp/peerjs?key=peerjs&id=a&token=t")) {
            assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(base() + path), new WebSocket.Listener() { }).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .as(path).isEqualTo(404));
        }
    }
}
