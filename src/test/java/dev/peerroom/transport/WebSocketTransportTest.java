package dev.peerroom.transport;

import static dev.peerroom.transport.EmbeddedServer.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket side of the server pipeline: a real upgrade request, then masked client frames in
 * and unmasked server frames out, all as bytes through EmbeddedChannels sharing one registry.
 */
class WebSocketTransportTest {
    private static final String OPEN = "{\"type\":\"OPEN\"}";
    private static final String INVALID_MESSAGE =
            "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Invalid message\",\"code\":\"INVALID_MESSAGE\"}}";

    private EmbeddedServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private EmbeddedServer start(TestConfigs config) {
        server = new EmbeddedServer(config.build());
        return server;
    }

    private EmbeddedServer start() {
        return start(TestConfigs.defaults());
    }

    private static String offerPayload(String padding) {
        return "{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 4611 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\n" + padding
                + "\"},\"type\":\"data\",\"connectionId\":\"dc_abc\",\"label\":\"dc_abc\",\"reliable\":false,"
                + "\"serialization\":\"binary\",\"metadata\":{\"nick\":\"x\"}}";
    }

    private static String offer(String dst, String payload) {
        return "{\"type\":\"OFFER\",\"payload\":" + payload + ",\"dst\":\"" + dst + "\"}";
    }

    private static String routed(String type, String src, String dst, String payload) {
        return "{\"type\":\"" + type + "\",\"src\":\"" + src + "\",\"dst\":\"" + dst + "\",\"payload\":" + payload + "}";
    }

    private List<String> peerIds() {
        return server.registry.peerIds(ROOM).toCompletableFuture().join();
    }

    // ---- upgrade ----

    @Test
    void upgradeAnswers101ThenOpen() {
        start();
        Client client = server.connect();
        HttpReply reply = client.upgrade("/rooms/" + ROOM + "/peerjs?key=peerjs&id=a&token=t", null);

        assertThat(reply.status()).isEqualTo(101);
        assertThat(reply.header(HttpHeaderNames.UPGRADE)).isEqualToIgnoringCase("websocket");
        assertThat(reply.header(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT)).isNotEmpty();
        assertThat(client.drainFrames()).extracting(WsFrame::toString).containsExactly("TEXT " + OPEN);
        assertThat(client.isOpen()).isTrue();
        assertThat(peerIds()).containsExactly("a");
        assertThat(server.sockets.contains(client.server)).isTrue();
        assertThat(client.server.pipeline().get("http-codec")).as("HTTP codec removed").isNull();
    }

    @Test
    void upgradeWithAListedOriginIsAccepted() {
        start(TestConfigs.defaults().allowedOrigins("https://game.example"));
        Client client = server.connect();

        assertThat(client.upgrade(server.socketPath(ROOM, "a"), "https://game.example").status()).isEqualTo(101);
        assertThat(client.nextText()).isEqualTo(OPEN);
    }

    @Test
    void aServerCloseWaitsForTheClientsCloseThenLingersAtMostOneSecond() {
        start();
        Client a = server.join("a");
        Client b = server.join("b");
        a.sendText("{\"type\":\"LEAVE\"}");
        assertThat(a.nextClose().closeStatus()).isEqualTo(1000);
        b.drainFrames();

        a.sendText("{\"type\":\"HEARTBEAT\"}");
        assertThat(a.isOpen()).as("still reading, so a client's late frames do not reset TCP").isTrue();
        assertThat(a.drainFrames()).as("no answer to frames after the server's Close").isEmpty();
        a.advanceNettyTime(999);
        assertThat(a.isOpen()).isTrue();
        a.advanceNettyTime(1);
        assertThat(a.isOpen()).as("a client that never answers the Close is cut off").isFalse();
    }

    @Test
    void invalidRoomIsUpgradedThenRefusedWith1008() {
        start();
        Client client = server.connect();
        HttpReply reply = client.upgrade("/rooms/123/peerjs?key=peerjs&id=a&token=t", null);

        assertThat(reply.status()).isEqualTo(101);
        assertThat(client.nextText())
                .isEqualTo("{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Invalid room id\",\"code\":\"INVALID_ROOM\"}}");
        assertThat(client.nextClose().closeStatus()).isEqualTo(1008);
        assertThat(client.drainFrames()).isEmpty();
        client.answerClose(1008);
        assertThat(client.isOpen()).isFalse();
        assertThat(server.registry.roomCount()).isZero();
    }

    @Test
    void missingParamsAndWrongKeyAreRefusedInOrder() {
        start();
        Client noToken = server.connect();
        noToken.upgrade("/rooms/" + ROOM + "/peerjs?key=nope&id=a", null);
        Client wrongKey = server.connect();
        wrongKey.upgrade("/rooms/" + ROOM + "/peerjs?key=nope&id=a&token=t", null);
        Client badId = server.connect();
        badId.upgrade("/rooms/" + ROOM + "/peerjs?key=peerjs&id=a_b&token=t", null);

        assertThat(noToken.nextText()).contains("\"code\":\"MISSING_PARAMS\"");
        assertThat(noToken.nextClose().closeStatus()).isEqualTo(1008);
        assertThat(wrongKey.nextText()).contains("\"code\":\"INVALID_KEY\"");
        assertThat(wrongKey.nextClose().closeStatus()).isEqualTo(1008);
        assertThat(badId.nextText()).contains("\"code\":\"INVALID_ID\"");
        assertThat(badId.nextClose().closeStatus()).isEqualTo(1008);
        assertThat(peerIds()).isEmpty();
    }

    @Test
    void upgradeToANonSocketPathIs404() {
        start();
        for (String path : List.of("/rooms/" + ROOM + "/other?key=peerjs&id=a&token=t",
                "/peerjs?key=peerjs&id=a&token=t", "/game/rooms/" + ROOM + "/peerjs?key=peerjs&id=a&token=t",
                "/health")) {
            Client client = server.connect();
            HttpReply reply = client.upgrade(path, null);

            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT)).isFalse();
            assertThat(client.isOpen()).isFalse();
        }
        assertThat(server.sockets.isEmpty()).isTrue();
    }

    @Test
    void malformedUpgradeRequestsAre400AndJoinNothing() {
        start();
        String path = server.socketPath(ROOM, "a");
        Client noKey = server.connect();
        HttpReply missingKey = noKey.request(HttpMethod.GET, path,
                "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Version", "13");
        Client post = server.connect();
        HttpReply postUpgrade = post.request(HttpMethod.POST, path,
                "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version", "13");

        assertThat(missingKey.status()).isEqualTo(400);
        assertThat(noKey.isOpen()).isFalse();
        assertThat(postUpgrade.status()).isEqualTo(400);
        assertThat(post.isOpen()).isFalse();
        assertThat(peerIds()).isEmpty();
        assertThat(server.sockets.isEmpty()).isTrue();
    }

    @Test
    void unsupportedWebSocketVersionIs426Naming13() {
        start();
        Client client = server.connect();
        HttpReply reply = client.request(HttpMethod.GET, server.socketPath(ROOM, "a"),
                "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version", "99");

        assertThat(reply.status()).isEqualTo(426);
        assertThat(reply.header(HttpHeaderNames.SEC_WEBSOCKET_VERSION)).isEqualTo("13");
        assertThat(peerIds()).isEmpty();
    }

    @Test
    void disallowedOriginIs403BeforeTheUpgrade() {
        start(TestConfigs.defaults().allowedOrigins("https://game.example"));
        Client client = server.connect();
        HttpReply reply = client.upgrade(server.socketPath(ROOM, "a"), "https://evil.example");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT)).isFalse();
        assertThat(reply.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        assertThat(client.isOpen()).isFalse();
        assertThat(peerIds()).isEmpty();
        assertThat(server.sockets.isEmpty()).isTrue();
    }

    // ---- messages ----

    @Test
    void textFrameIsRoutedToTheRoomMateWithSrcStamped() {
        start();
        Client a = server.join("a");
        Client b = server.join("b");
        String payload = offerPayload("");

        a.sendText(offer("b", payload));

        assertThat(b.drainFrames()).extracting(WsFrame::toString)
                .containsExactly("TEXT " + routed("OFFER", "a", "b", payload));
        assertThat(a.drainFrames()).isEmpty();
    }

    @Test
    void aClientMaySendBeforeReadingOpen() {
        start();
        Client b = server.join("b");
        Client a = server.connect();
        a.upgrade(server.socketPath(ROOM, "a"), null);
        a.sendText(offer("b", offerPayload("")));

        assertThat(a.nextText()).isEqualTo(OPEN);
        assertThat(b.nextText()).isEqualTo(routed("OFFER", "a", "b", offerPayload("")));
    }

    @Test
    void binaryFrameIsAnInvalidMessageAndTheSocketStaysOpen() {
        start();
        Client a = server.join("a");
        Client b = server.join("b");

        a.sendBinary(new byte[] {1, 2, 3});

        assertThat(a.drainFrames()).extracting(WsFrame::toString).containsExactly("TEXT " + INVALID_MESSAGE);
        assertThat(a.isOpen()).isTrue();
        a.sendText(offer("b", offerPayload("")));
        assertThat(b.nextText()).isEqualTo(routed("OFFER", "a", "b", offerPayload("")));
    }

    @Test
    void invalidTextIsAnInvalidMessageAndTheSocketStaysOpen() {
        start();
        Client a = server.join("a");

        for (String bad : List.of("not json", "[]", "{\"type\":42}", "{\"type\":\"OPEN\"}",
                "{\"type\":\"OFFER\",\"dst\":\"a\",\"payload\":{\"sdp\":\"x\"}}")) {
            a.sendText(bad);
            assertThat(a.nextText()).as(bad).isEqualTo(INVALID_MESSAGE);
        }
        a.sendText("{\"type\":\"HEARTBEAT\"}");
        assertThat(a.drainFrames()).isEmpty();
        assertThat(a.isOpen()).isTrue();
    }

    @Test
    void invalidUtf8TextIsAnInvalidMessageNotAClose() {
        start();
        Client a = server.join("a");
        Client b = server.join("b");

        a.send(new TextWebSocketFrame(
                Unpooled.wrappedBuffer(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})));

        assertThat(a.drainFrames()).extracting(WsFrame::toString).containsExactly("TEXT " + INVALID_MESSAGE);
        assertThat(a.isOpen()).isTrue();
        a.sendText(offer("b", offerPayload("")));
        assertThat(b.nextText()).isEqualTo(routed("OFFER", "a", "b", offerPayload("")));
    }

    @Test
    void pingIsAnsweredWithAPongCarryingTheSamePayload() {
        start();
        Client a = server.join("a");

        a.sendPing("ping-42".getBytes(StandardCharsets.UTF_8));

        WsFrame pong = a.nextFrame();
        assertThat(pong.kind()).isEqualTo(WsFrame.Kind.PONG);
        assertThat(pong.text()).isEqualTo("ping-42");
        assertThat(a.drainFrames()).isEmpty();
        assertThat(a.isOpen()).isTrue();
    }

    @Test
    void clientCloseIsEchoedAndThePeerLeavesSilently() {
        start();
        Client a = server.join("a");
        Client b = server.join("b");

        a.sendClose(4321, "bye");

        WsFrame echo = a.nextClose();
        assertThat(echo.closeStatus()).isEqualTo(4321);
        assertThat(a.isOpen()).isFalse();
        assertThat(peerIds()).containsExactly("b");
        assertThat(b.drainFrames()).as("a silent leave: no LEAVE, no EXPIRE").isEmpty();
        // The id is free at once.
        assertThat(server.join("a").isOpen()).isTrue();
    }

    @Test
    void closeWithoutStatusIsAnsweredWith1000() {
        start();
        Client a = server.join("a");

        a.sendEmptyClose();

        assertThat(a.nextClose().closeStatus()).isEqualTo(1000);
        assertThat(a.isOpen()).as("the client began the handshake: done at once").isFalse();
        assertThat(peerIds()).isEmpty();
    }

    @Test
    void leaveWithoutDstClosesWith1000AndTellsTheRoom() {
        start();
        Client a = server.join("a");
        Client b = server.join("b");

        a.sendText("{\"type\":\"LEAVE\"}");

        assertThat(b.nextText()).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"a\"}");
        assertThat(a.nextClose().closeStatus()).isEqualTo(1000);
        a.answerClose(1000);
        assertThat(a.isOpen()).isFalse();
        assertThat(peerIds()).containsExactly("b");
    }

    // ---- size cap ----

    @Test
    void oneFrameOverTheCapIsClosedWith1009() {
        start(TestConfigs.defaults().maxMessageBytes(2048));
        Client a = server.join("a");
        Client b = server.join("b");
        String message = offer("b", offerPayload("x".repeat(2048)));
        assertThat(message.length()).isGreaterThan(2048);

        a.sendText(message);

        assertThat(a.nextClose().closeStatus()).isEqualTo(1009);
        assertThat(a.isOpen()).as("Netty's frame decoder closes at once on an oversize frame").isFalse();
        assertThat(b.drainFrames()).isEmpty();
        assertThat(peerIds()).containsExactly("b");
    }

    @Test
    void aMessageOfExactlyTheCapIsRouted() {
        start(TestConfigs.defaults().maxMessageBytes(2048));
        Client a = server.join("a");
        Client b = server.join("b");
        String empty = offer("b", offerPayload(""));
        String payload = offerPayload("x".repeat(2048 - empty.length()));
        assertThat(offer("b", payload)).hasSize(2048);

        a.sendText(offer("b", payload));

        assertThat(b.nextText()).isEqualTo(routed("OFFER", "a", "b", payload));
        assertThat(a.isOpen()).isTrue();
    }

    @Test
    void fragmentsOverTheCapTogetherAreClosedWith1009() {
        start(TestConfigs.defaults().maxMessageBytes(2048));
        Client a = server.join("a");
        Client b = server.join("b");
        String message = offer("b", offerPayload("x".repeat(2200)));
        int third = message.length() / 3;
        assertThat(third).isLessThan(2048);

        a.sendFragment(message.substring(0, third), true, false);
        a.sendFragment(message.substring(third, 2 * third), false, false);
        assertThat(a.isOpen()).as("still under the cap").isTrue();
        assertThat(a.drainFrames()).isEmpty();
        a.sendFragment(message.substring(2 * third), false, true);

        assertThat(a.nextClose().closeStatus()).isEqualTo(1009);
        a.answerClose(1009);
        assertThat(a.isOpen()).isFalse();
        assertThat(b.drainFrames()).isEmpty();
    }

    @Test
    void fragmentsUnderTheCapAreReassembledAndRoutedIntact() {
        start(TestConfigs.defaults().maxMessageBytes(2048));
        Client a = server.join("a");
        Client b = server.join("b");
        String payload = offerPayload("y".repeat(1500));
        String message = offer("b", payload);
        assertThat(message.length()).isBetween(1500, 2048);

        a.sendFragments(message.substring(0, 7), message.substring(7, 700), message.substring(700, 1400),
                message.substring(1400));

        assertThat(b.drainFrames()).extracting(WsFrame::toString)
                .containsExactly("TEXT " + routed("OFFER", "a", "b", payload));
        assertThat(a.drainFrames()).isEmpty();
        assertThat(a.isOpen()).isTrue();
    }

    @Test
    void aPingBetweenFragmentsIsAnsweredAndTheMessageStillArrives() {
        start();
        Client a = server.join("a");
        Client b = server.join("b");
        String message = offer("b", offerPayload(""));

        a.sendFragment(message.substring(0, 20), true, false);
        a.sendPing(new byte[] {9});
        a.sendFragment(message.substring(20), false, true);

        assertThat(a.nextFrame().kind()).isEqualTo(WsFrame.Kind.PONG);
        assertThat(b.nextText()).isEqualTo(routed("OFFER", "a", "b", offerPayload("")));
    }

    // ---- liveness ----

    @Test
    void theServerPingsEveryTwoSeconds() {
        start();
        Client a = server.join("a");

        server.clock.advance(1999);
        server.registry.sweep();
        assertThat(a.drainFrames()).as("no ping before 2 s").isEmpty();

        server.clock.advance(1);
        server.registry.sweep();
        List<WsFrame> frames = a.drainFrames();
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).kind()).isEqualTo(WsFrame.Kind.PING);
        assertThat(a.isOpen()).isTrue();
    }

    @Test
    void aSilentSocketIsClosedWith4001AndItsRoomMateGetsExpire() {
        start();
        Client a = server.join("a");
        Client b = server.join("b");

        server.clock.advance(2000);
        server.registry.sweep();
        assertThat(a.nextFrame().kind()).isEqualTo(WsFrame.Kind.PING);
        assertThat(b.nextFrame().kind()).isEqualTo(WsFrame.Kind.PING);
        b.sendPong(); // b answers, a stays silent

        server.clock.advance(2999);
        server.registry.sweep();
        assertThat(a.isOpen()).as("4999 ms of silence is not stale yet").isTrue();
        assertThat(a.drainFrames()).extracting(WsFrame::kind).as("pinged again").containsExactly(WsFrame.Kind.PING);
        assertThat(b.drainFrames()).extracting(WsFrame::kind).containsExactly(WsFrame.Kind.PING);

        server.clock.advance(1);
        server.registry.sweep();

        assertThat(a.nextClose().closeStatus()).isEqualTo(4001);
        a.answerClose(4001);
        assertThat(a.isOpen()).isFalse();
        assertThat(a.drainFrames()).isEmpty();
        assertThat(b.drainFrames()).extracting(WsFrame::toString)
                .containsExactly("TEXT {\"type\":\"EXPIRE\",\"src\":\"a\"}");
        assertThat(b.isOpen()).isTrue();
        assertThat(peerIds()).containsExactly("b");
    }

    @Test
    void anyInboundFrameKeepsTheSocketAlive() {
        start();
        Client a = server.join("a");
        Client b = server.join("b");
        Client c = server.join("c");

        server.clock.advance(4000);
        a.sendText("{\"type\":\"HEARTBEAT\"}");
        b.sendBinary(new byte[] {1});
        c.sendPong();
        server.clock.advance(4000);
        server.registry.sweep();

        assertThat(a.isOpen()).isTrue();
        assertThat(b.isOpen()).isTrue();
        assertThat(c.isOpen()).isTrue();
        assertThat(peerIds()).containsExactlyInAnyOrder("a", "b", "c");
    }

    // ---- shutdown ----

    @Test
    void closeAllSendsTheGivenCodeToEverySocket() {
        start();
        Client a = server.join("a");
        Client refusedLater = server.connect();

        Sockets.closeAll(server.sockets, 1012, "Server shutting down");

        assertThat(a.nextClose().closeStatus()).isEqualTo(1012);
        a.answerClose(1012);
        assertThat(a.isOpen()).isFalse();
        assertThat(refusedLater.isOpen()).as("not a socket: untouched").isTrue();
    }
}
