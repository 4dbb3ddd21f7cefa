package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid messages, oversized messages, protocol violations and TCP resets. */
class BadInputTest {
    private static final int MAX = 1 << 20;
    private static TestServer server;
    private static long roomSeq = 800000000000000000L;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start(TestConfig.defaults().rate(100_000, Duration.ofSeconds(1), 3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    static Stream<String> invalidMessages() {
        String p = Frames.offerPayload("dc_x");
        return Stream.of(
                // not JSON
                "garbage", "", " ", "{", "{\"type\":\"OFFER\"", "{\"type\":\"OFFER\",}", "{'type':'OFFER'}",
                "{\"type\":\"HEARTBEAT\"} x", "{\"type\":\"HEARTBEAT\"}{\"type\":\"HEARTBEAT\"}",
                // not an object
                "[]", "42", "\"OFFER\"", "null", "true", "[{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":" + p + "}]",
                // no type, or a non-string type
                "{}", "{\"dst\":\"b\",\"payload\":" + p + "}", "{\"type\":1}", "{\"type\":null}", "{\"type\":[\"OFFER\"]}",
                "{\"type\":{\"t\":\"OFFER\"}}",
                // unknown types, including server-only ones
                "{\"type\":\"FOO\"}", "{\"type\":\"offer\",\"dst\":\"b\",\"payload\":" + p + "}", "{\"type\":\"\"}",
                "{\"type\":\"EXPIRE\",\"dst\":\"b\"}", "{\"type\":\"EXPIRE\",\"src\":\"a\",\"dst\":\"b\"}", "{\"type\":\"OPEN\"}",
                "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"x\"}}", "{\"type\":\"ID-TAKEN\"}", "{\"type\":\"INVALID-KEY\"}",
                // spoofed src
                "{\"type\":\"OFFER\",\"src\":\"b\",\"dst\":\"b\",\"payload\":" + p + "}",
                "{\"type\":\"OFFER\",\"src\":\"zed\",\"dst\":\"b\",\"payload\":" + p + "}",
                "{\"type\":\"OFFER\",\"src\":\"A\",\"dst\":\"b\",\"payload\":" + p + "}",
                "{\"type\":\"OFFER\",\"src\":7,\"dst\":\"b\",\"payload\":" + p + "}",
                "{\"type\":\"LEAVE\",\"src\":\"b\"}",
                // bad dst
                "{\"type\":\"OFFER\",\"payload\":" + p + "}",
                "{\"type\":\"OFFER\",\"dst\":\"\",\"payload\":" + p + "}",
                "{\"type\":\"OFFER\",\"dst\":null,\"payload\":" + p + "}",
                "{\"type\":\"OFFER\",\"dst\":\"a_b\",\"payload\":" + p + "}",
                "{\"type\":\"OFFER\",\"dst\":\"" + "b".repeat(65) + "\",\"payload\":" + p + "}",
                "{\"type\":\"OFFER\",\"dst\":42,\"payload\":" + p + "}",
                "{\"type\":\"OFFER\",\"dst\":[\"b\"],\"payload\":" + p + "}",
                "{\"type\":\"OFFER\",\"dst\":\"a\",\"payload\":" + p + "}",
                "{\"type\":\"LEAVE\",\"dst\":\"a\"}", "{\"type\":\"LEAVE\",\"dst\":\"a_b\"}", "{\"type\":\"LEAVE\",\"dst\":5}",
                // bad payload
                "{\"type\":\"OFFER\",\"dst\":\"b\"}",
                "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":null}",
                "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":\"v=0\"}",
                "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":[" + p + "]}",
                "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{}}",
                "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":{\"type\":\"offer\"},\"type\":\"data\"}}",
                "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":{\"sdp\":5}}}",
                "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":7}}",
                "{\"type\":\"ANSWER\",\"dst\":\"b\",\"payload\":" + Frames.candidatePayload("dc_x") + "}",
                "{\"type\":\"CANDIDATE\",\"dst\":\"b\",\"payload\":" + p + "}",
                "{\"type\":\"CANDIDATE\",\"dst\":\"b\",\"payload\":{\"candidate\":{\"sdpMid\":\"0\"}}}",
                "{\"type\":\"CANDIDATE\",\"dst\":\"b\",\"payload\":{\"candidate\":null}}");
    }

    @ParameterizedTest
    @MethodSource("invalidMessages")
    void invalidMessageGetsErrorAndTheConnectionStaysOpen(String bad) throws Exception {
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "ta"); WsClient b = server.join(room, "b", "tb")) {
            a.send(bad);
            assertThat(a.next()).isEqualTo("{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Invalid message\",\"code\":\"INVALID_MESSAGE\"}}");
            a.send(Frames.offer("b"));
            assertThat(b.next()).as("b gets only the valid OFFER").isEqualTo(Frames.routedOffer("a", "b"));
            // a's next frame is b's probe: exactly one ERROR was sent, and a is still connected
            Expect.routes(b, "b", a, "a");
            assertThat(a.isClosed()).isFalse();
        }
    }

    @Test
    void binaryFrameIsAnInvalidMessage() throws Exception {
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "ta"); WsClient b = server.join(room, "b", "tb")) {
            a.sendBinary(Frames.offer("b").getBytes(StandardCharsets.UTF_8));
            assertThat(a.next()).isEqualTo(Frames.INVALID_MESSAGE);
            a.sendBinary(new byte[0]);
            assertThat(a.next()).isEqualTo(Frames.INVALID_MESSAGE);
            a.send(Frames.offer("b"));
            assertThat(b.next()).isEqualTo(Frames.routedOffer("a", "b"));
            Expect.routes(b, "b", a, "a");
        }
    }

    @Test
    void invalidMessagesLeaveAFullRoomFullWithTheSameMembers() throws Exception {
        String room = freshRoom();
        List<String> ids = List.of("p1", "p2", "p3", "p4");
        List<WsClient> four = new ArrayList<>();
        for (String id : ids) {
            four.add(server.join(room, id, "t-" + id));
        }
        for (WsClient c : four) {
            c.send("nope");
            c.send("{\"type\":\"EXPIRE\"}");
            c.sendBinary(new byte[] {1});
            for (int i = 0; i < 3; i++) {
                assertThat(c.next()).isEqualTo(Frames.INVALID_MESSAGE);
            }
        }
        Expect.refused(server.connect(room, "p5", "t-p5"), Frames.ROOM_FULL, 1008);
        Expect.refused(server.connect(room, "p1", "other"), Frames.ID_TAKEN, 1008);
        for (int i = 0; i < 4; i++) {
            Expect.routes(four.get(i), ids.get(i), four.get((i + 1) % 4), ids.get((i + 1) % 4));
        }
        four.forEach(WsClient::close);
    }

    /**
     * A valid OFFER from the sender to {@code dst} whose JSON text is exactly {@code size} bytes. The
     * filler is split over strings of at most 128 KiB in {@code payload.metadata}: a single string may
     * not pass MessageDecoder.MAX_STRING_LENGTH (256 KiB).
     */
    private static String offerOfSize(int size, String dst) {
        String head = "{\"type\":\"OFFER\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"metadata\":[\"";
        String tail = "\"],\"type\":\"data\",\"connectionId\":\"dc_big\"},\"dst\":\"" + dst + "\"}";
        StringBuilder filler = new StringBuilder();
        int left = size - head.length() - tail.length();
        while (left > 0) {
            int n = Math.min(left, 128 * 1024);
            filler.append("x".repeat(n));
            left -= n;
            if (left >= 3) {
                filler.append("\",\"");
                left -= 3;
            }
        }
        String s = head + filler + tail;
        assertThat(s.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        return s;
    }

    private static String payloadOf(String offer) {
        return offer.substring("{\"type\":\"OFFER\",\"payload\":".length(), offer.lastIndexOf(",\"dst\":"));
    }

    @Test
    void textMessageOverOneMebibyteInOneFrameIsClosed1009() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        RawWsClient a = server.joinRaw(room, "a", "ta");
        byte[] frame = RawWsClient.frame(RawWsClient.OP_TEXT, true,
                offerOfSize(MAX + 1, "b").getBytes(StandardCharsets.UTF_8));
        Thread writer = new Thread(() -> {
            try {
                a.write(frame);
            } catch (IOException ignored) {
                // the server may close before it has read everything
            }
        });
        writer.start();
        assertThat(a.awaitClose()).isEqualTo(1009);
        writer.join(10_000);
        // b hears nothing, and a's id is free again
        Expect.silent(200, b);
        WsClient again = JoinRulesTestSupport.awaitJoinable(server, room, "a", "new");
        Expect.routes(again, "a", b, "b");
        again.close();
        b.close();
    }

    @Test
    void textMessageOverOneMebibyteInOneFrameFromJdkClientIsClosed1009() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        WsClient a = server.join(room, "a", "ta");
        try {
            a.send(offerOfSize(MAX + 1, "b"));
        } catch (RuntimeException ignored) {
            // the server may close before the whole frame is written
        }
        assertThat(a.awaitClose()).isEqualTo(1009);
        Expect.silent(200, b);
        b.close();
    }

    @Test
    void textMessageOverOneMebibyteInFragmentsIsClosed1009() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        WsClient a = server.join(room, "a", "ta");
        String big = offerOfSize(MAX + 1, "b");
        int third = big.length() / 3;
        try {
            a.sendFragments(big.substring(0, third), big.substring(third, 2 * third), big.substring(2 * third));
        } catch (RuntimeException ignored) {
            // the server may close before the last fragment is written
        }
        assertThat(a.awaitClose()).isEqualTo(1009);
        Expect.silent(200, b);
        WsClient again = JoinRulesTestSupport.awaitJoinable(server, room, "a", "new");
        Expect.routes(again, "a", b, "b");
        again.close();
        b.close();
    }

    @Test
    void oversizedMessageFromAMemberOfAFullRoomFreesItsSeatSilently() throws Exception {
        String room = freshRoom();
        List<String> ids = List.of("p1", "p2", "p3", "p4");
        List<WsClient> four = new ArrayList<>();
        for (String id : ids) {
            four.add(server.join(room, id, "t-" + id));
        }
        String big = offerOfSize(MAX + 1, "p2");
        try {
            four.get(0).sendFragments(big.substring(0, MAX / 2), big.substring(MAX / 2));
        } catch (RuntimeException ignored) {
            // closed early
        }
        assertThat(four.get(0).awaitClose()).isEqualTo(1009);
        WsClient p5 = JoinRulesTestSupport.awaitJoinable(server, room, "p5", "t-p5");
        Expect.silent(200, four.get(1), four.get(2), four.get(3));
        Expect.refused(server.connect(room, "p6", "t"), Frames.ROOM_FULL, 1008);
        Expect.routes(p5, "p5", four.get(1), "p2");
        p5.close();
        four.forEach(WsClient::close);
    }

    @Test
    void manySmallFragmentsOverOneMebibyteAreClosed1009() throws Exception {
        String room = freshRoom();
        RawWsClient a = server.joinRaw(room, "a", "ta");
        byte[] all = offerOfSize(MAX + 1, "b").getBytes(StandardCharsets.UTF_8);
        int chunk = 64 * 1024;
        Thread writer = new Thread(() -> {
            try {
                for (int off = 0; off < all.length; off += chunk) {
                    int end = Math.min(all.length, off + chunk);
                    byte[] part = java.util.Arrays.copyOfRange(all, off, end);
                    a.write(RawWsClient.frame(off == 0 ? RawWsClient.OP_TEXT : RawWsClient.OP_CONT, end == all.length, part));
                }
            } catch (IOException ignored) {
                // closed early
            }
        });
        writer.start();
        assertThat(a.awaitClose()).isEqualTo(1009);
        writer.join(10_000);
    }

    @Test
    void messageJustUnderTheCapInFragmentsIsRoutedIntact() throws Exception {
        String room = freshRoom();
        WsClient a = server.join(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        String big = offerOfSize(MAX - 100, "b");
        int half = big.length() / 2;
        a.sendFragments(big.substring(0, 1000), big.substring(1000, half), big.substring(half));
        String got = b.next();
        assertThat(got.length()).isEqualTo(Frames.routed("OFFER", "a", "b", payloadOf(big)).length());
        assertThat(got.equals(Frames.routed("OFFER", "a", "b", payloadOf(big)))).as("routed intact").isTrue();
        Expect.silent(100, a);
        assertThat(a.isClosed()).isFalse();
        a.close();
        b.close();
    }

    @Test
    void messageOfExactlyOneMebibyteIsRouted() throws Exception {
        String room = freshRoom();
        WsClient a = server.join(room, "a", "ta");
        WsClient b = server.join(room, "b", "tb");
        String big = offerOfSize(MAX, "b");
        a.send(big);
        String got = b.next();
        assertThat(got.equals(Frames.routed("OFFER", "a", "b", payloadOf(big)))).as("routed intact").isTrue();
        assertThat(a.isClosed()).isFalse();
        a.close();
        b.close();
    }

    @Test
    void unmaskedClientFrameIsAProtocolErrorAndFreesTheId() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        RawWsClient a = server.joinRaw(room, "a", "ta");
        byte[] text = Frames.HEARTBEAT.getBytes(StandardCharsets.US_ASCII);
        byte[] unmasked = new byte[2 + text.length];
        unmasked[0] = (byte) 0x81;
        unmasked[1] = (byte) text.length;
        System.arraycopy(text, 0, unmasked, 2, text.length);
        a.write(unmasked);
        assertThat(a.awaitClose()).isEqualTo(1002);
        Expect.silent(200, b);
        WsClient again = JoinRulesTestSupport.awaitJoinable(server, room, "a", "new");
        Expect.routes(b, "b", again, "a");
        again.close();
        b.close();
    }

    @Test
    void invalidUtf8TextIsAnInvalidMessage() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        RawWsClient a = server.joinRaw(room, "a", "ta");
        a.write(RawWsClient.frame(RawWsClient.OP_TEXT, true, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}));
        assertThat(a.nextText()).isEqualTo(Frames.INVALID_MESSAGE);
        a.sendText(Frames.offer("b"));
        assertThat(b.next()).isEqualTo(Frames.routedOffer("a", "b"));
        Expect.silent(200, b);
        a.close();
        b.close();
    }

    /**
     * Invalid UTF-8 inside a string of the payload must not reach the destination: a text frame
     * with invalid UTF-8 makes the receiving browser fail its signalling socket (RFC 6455 8.1).
     */
    @Test
    void invalidUtf8InsideThePayloadIsNotForwarded() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        RawWsClient a = server.joinRaw(room, "a", "ta");
        java.io.ByteArrayOutputStream bad = new java.io.ByteArrayOutputStream();
        bad.writeBytes(("{\"type\":\"OFFER\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\"},"
                + "\"type\":\"data\",\"connectionId\":\"dc_1\",\"metadata\":{\"n\":\"").getBytes(StandardCharsets.US_ASCII));
        bad.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        bad.writeBytes("\"}},\"dst\":\"b\"}".getBytes(StandardCharsets.US_ASCII));
        a.write(RawWsClient.frame(RawWsClient.OP_TEXT, true, bad.toByteArray()));
        assertThat(a.nextText()).isEqualTo(Frames.INVALID_MESSAGE);
        a.sendText(Frames.offer("b"));
        // b's socket survives and its next frame is the valid OFFER
        assertThat(b.next()).isEqualTo(Frames.routedOffer("a", "b"));
        assertThat(b.isClosed()).isFalse();
        a.close();
        b.close();
    }

    @Test
    void resetMidHandshakeLeavesTheServerUp() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        for (int i = 0; i < 20; i++) {
            RawWsClient raw = RawWsClient.tcp(server.port());
            byte[] req = RawWsClient.upgradeRequest(server.port(), server.socketPath(room, "a", "ta"));
            raw.write(java.util.Arrays.copyOf(req, req.length / 2));
            raw.reset();
        }
        // a complete request whose client resets right after writing it, before reading the 101
        for (int i = 0; i < 20; i++) {
            RawWsClient raw = RawWsClient.tcp(server.port());
            raw.write(RawWsClient.upgradeRequest(server.port(), server.socketPath(room, "r" + i, "t")));
            raw.reset();
        }
        // the half-joined ids are not left behind: "a" and a few "r" ids join, the room is not full of ghosts
        WsClient a = JoinRulesTestSupport.awaitJoinable(server, room, "a", "ta");
        WsClient r0 = JoinRulesTestSupport.awaitJoinable(server, room, "r0", "other");
        WsClient r19 = JoinRulesTestSupport.awaitJoinable(server, room, "r19", "other");
        Expect.routes(a, "a", b, "b");
        Expect.refused(server.connect(room, "extra", "t"), Frames.ROOM_FULL, 1008);
        Expect.silent(100, b);
        assertThat(Http.get(server.http("/health")).statusCode()).isEqualTo(200);
        a.close();
        r0.close();
        r19.close();
        b.close();
    }

    /**
     * Found by the fuzzer: a second upgrade in the same TCP write moved the channel twice and leaked
     * the request (the leak detector fails the class). Now the connection is closed, or, when the
     * second request is still unread as the first one completes, it is a joined socket like any
     * other: one that answers nothing here, so it goes stale. Either way the server closes it.
     */
    @Test
    void anUpgradePipelinedBehindAnUpgradeIsClosedAndLeavesNothingBehind() throws Exception {
        String room = freshRoom();
        List<RawWsClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RawWsClient raw = RawWsClient.tcp(server.port());
            byte[] first = RawWsClient.upgradeRequest(server.port(), server.socketPath(room, "p" + i, "t"));
            byte[] second = RawWsClient.upgradeRequest(server.port(), server.socketPath(room, "q" + i, "t"));
            byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            raw.write(both);
            clients.add(raw);
        }
        for (int i = 0; i < clients.size(); i++) {
            RawWsClient raw = clients.get(i);
            raw.setReadTimeout(15_000); // heartbeat timeout (5 s) and the sweep, with room to spare
            assertThat(raw.tcpClosedByServer()).as("connection %d", i).isTrue();
            raw.close();
        }
        // Every id is free again: the room takes four new peers, and they route.
        WsClient p0 = JoinRulesTestSupport.awaitJoinable(server, room, "p0", "other");
        WsClient q0 = JoinRulesTestSupport.awaitJoinable(server, room, "q0", "other");
        WsClient p19 = JoinRulesTestSupport.awaitJoinable(server, room, "p19", "other");
        WsClient q19 = JoinRulesTestSupport.awaitJoinable(server, room, "q19", "other");
        Expect.routes(p0, "p0", q19, "q19");
        assertThat(Http.get(server.http("/health")).statusCode()).isEqualTo(200);
        for (WsClient c : List.of(p0, q0, p19, q19)) {
            c.close();
        }
    }

    @Test
    void resetMidMessageAfterJoiningFreesTheIdSilently() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        WsClient c = server.join(room, "c", "tc");
        WsClient d = server.join(room, "d", "td");
        for (int i = 0; i < 10; i++) {
            String id = "a" + i;
            RawWsClient a = server.joinRaw(room, id, "ta");
            byte[] frame = RawWsClient.frame(RawWsClient.OP_TEXT, true, Frames.offer("b").getBytes(StandardCharsets.UTF_8));
            a.write(java.util.Arrays.copyOf(frame, frame.length / 2));
            a.reset();
            // the id is free again (a new token gets it), the seat too, and nobody heard anything
            WsClient probe = JoinRulesTestSupport.awaitJoinable(server, room, id, "probe");
            Expect.refused(server.connect(room, "extra", "t"), Frames.ROOM_FULL, 1008);
            probe.send(Frames.CLIENT_LEAVE);
            assertThat(probe.awaitClose()).isEqualTo(1000);
            for (WsClient mate : List.of(b, c, d)) {
                assertThat(mate.next()).isEqualTo(Frames.leave(id));
            }
        }
        Expect.silent(200, b, c, d);
        Expect.routes(b, "b", c, "c");
        b.close();
        c.close();
        d.close();
    }

    /**
     * A client that goes away in the middle of a fragmented message is an ordinary disconnect
     * (contract: "the peer leaves silently"), not an unexpected server error: it must not log a
     * WARN with a stack trace, or any client can flood the operator's logs.
     */
    @Test
    void disconnectInsideAFragmentedMessageIsNotLoggedAsAnUnexpectedError() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("dev.peerroom");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            String room = freshRoom();
            WsClient b = server.join(room, "b", "tb");
            for (boolean reset : new boolean[] {true, false}) {
                String id = reset ? "reset" : "closed";
                RawWsClient a = server.joinRaw(room, id, "ta");
                a.write(RawWsClient.frame(RawWsClient.OP_TEXT, false, "{\"type\":\"OFF".getBytes(StandardCharsets.US_ASCII)));
                if (reset) {
                    a.reset();
                } else {
                    a.close();
                }
                // the id is free again
                JoinRulesTestSupport.awaitJoinable(server, room, id, "probe").close();
            }
            Expect.silent(100, b);
            b.close();
            assertThat(events.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName()))
                    .toList()).isEmpty();
        } finally {
            logger.detachAppender(events);
        }
    }

    @Test
    void resetMidHandshakeThenNewClientJoins() throws Exception {
        RawWsClient raw = RawWsClient.tcp(server.port());
        byte[] req = RawWsClient.upgradeRequest(server.port(), server.socketPath(freshRoom(), "a", "t"));
        raw.write(java.util.Arrays.copyOf(req, 30));
        raw.reset();
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "t"); WsClient b = server.join(room, "b", "t")) {
            Expect.routes(a, "a", b, "b");
        }
    }
}
