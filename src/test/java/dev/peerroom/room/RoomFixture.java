package dev.peerroom.room;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.MessageDecoder;

/**
 * One room on a fake clock with an in-memory membership, run on the caller's thread, and helpers
 * to join peers and send them the frames the stock client sends.
 */
final class RoomFixture {
    static final String ROOM = "123456789012345678";
    static final String OPEN = "{\"type\":\"OPEN\"}";
    static final String ID_TAKEN = "{\"type\":\"ID-TAKEN\",\"payload\":{\"msg\":\"ID is taken\"}}";
    static final String ROOM_FULL = "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Room is full\",\"code\":\"ROOM_FULL\"}}";
    static final String INVALID_MESSAGE = "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Invalid message\",\"code\":\"INVALID_MESSAGE\"}}";
    static final String RATE_LIMITED = "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Rate limit exceeded\",\"code\":\"RATE_LIMITED\"}}";
    static final String HEARTBEAT = "{\"type\":\"HEARTBEAT\"}";
    /** What PeerJS puts in an OFFER payload, with the awkward bits (escapes, unicode, whitespace). */
    static final String OFFER_PAYLOAD = "{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 46117 2 IN IP4 127.0.0.1\\r\\n\"},"
            + "\"type\":\"data\",\"connectionId\":\"dc_x\",\"label\":\"dc_x\",\"reliable\":false,\"serialization\":\"binary\","
            + "\"metadata\":{\"name\":\"Zoë 😀\",\"esc\":\"\\u00e9\\\"\", \"n\" : [1, 2.50, null]}}";
    static final String ANSWER_PAYLOAD = "{\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"},\"type\":\"data\",\"connectionId\":\"dc_x\"}";
    static final String CANDIDATE_PAYLOAD = "{\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host\","
            + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"abc\"},\"type\":\"data\",\"connectionId\":\"dc_x\"}";

    final FakeClock clock = new FakeClock();
    final RecordingMetrics metrics = new RecordingMetrics();
    final RoomRules rules;
    final Membership membership;
    final GameRoom room;
    private final MessageDecoder decoder = new MessageDecoder();

    RoomFixture() {
        this(RoomRules.defaults(), new LocalMembership());
    }

    RoomFixture(Membership membership) {
        this(RoomRules.defaults(), membership);
    }

    RoomFixture(RoomRules rules, Membership membership) {
        this.rules = rules;
        this.membership = membership;
        this.room = new GameRoom(ROOM, rules, clock, membership, metrics, Runnable::run);
    }

    /** Starts a join with the token {@code "tok-" + id}; returns the socket without checking the answer. */
    RecordingConnection join(String id) {
        return join(id, "tok-" + id);
    }

    RecordingConnection join(String id, String token) {
        RecordingConnection conn = new RecordingConnection(id + "@" + token);
        room.join(id, token, conn);
        return conn;
    }

    /** Joins and checks the socket got exactly OPEN; the OPEN is drained. */
    RecordingConnection joined(String id) {
        RecordingConnection conn = join(id);
        assertThat(conn.drain()).as("answer to %s's join", id).containsExactly(OPEN);
        assertThat(conn.closeCode).isNull();
        return conn;
    }

    /** A text frame from the socket, decoded as the transport does. */
    void send(RecordingConnection from, String json) {
        room.onMessage(from, decode(json), System.nanoTime());
    }

    InboundMessage decode(String json) {
        return decoder.decode(json.getBytes(UTF_8));
    }

    void heartbeat(RecordingConnection from) {
        send(from, HEARTBEAT);
    }

    /** Pongs from these sockets, so the next ticks do not expire them as stale. */
    void keepAlive(RecordingConnection... conns) {
        for (RecordingConnection conn : conns) {
            room.onPong(conn);
        }
    }

    /** Advances the clock, then runs one sweeper tick; returns what tick returned. */
    boolean tickAfter(long ms) {
        clock.advance(ms);
        return room.tick();
    }

    static String offer(String dst) {
        return "{\"type\":\"OFFER\",\"payload\":" + OFFER_PAYLOAD + ",\"dst\":\"" + dst + "\"}";
    }

    static String answer(String dst) {
        return "{\"type\":\"ANSWER\",\"payload\":" + ANSWER_PAYLOAD + ",\"dst\":\"" + dst + "\"}";
    }

    static String candidate(String dst) {
        return "{\"type\":\"CANDIDATE\",\"payload\":" + CANDIDATE_PAYLOAD + ",\"dst\":\"" + dst + "\"}";
    }

    /** A small CANDIDATE whose payload names {@code n}, to check order. */
    static String candidate(String dst, int n) {
        return "{\"type\":\"CANDIDATE\",\"payload\":{\"candidate\":\"c" + n + "\"},\"dst\":\"" + dst + "\"}";
    }

    static String routedCandidate(String src, String dst, int n) {
        return "{\"type\":\"CANDIDATE\",\"src\":\"" + src + "\",\"dst\":\"" + dst + "\",\"payload\":{\"candidate\":\"c" + n + "\"}}";
    }

    static String routed(String type, String src, String dst, String payload) {
        return "{\"type\":\"" + type + "\",\"src\":\"" + src + "\",\"dst\":\"" + dst + "\",\"payload\":" + payload + "}";
    }

    static String expire(String unreachable, String sender) {
        return "{\"type\":\"EXPIRE\",\"src\":\"" + unreachable + "\",\"dst\":\"" + sender + "\"}";
    }

    static String expire(String stale) {
        return "{\"type\":\"EXPIRE\",\"src\":\"" + stale + "\"}";
    }

    /** Rules with other hold bounds, everything else default. */
    static RoomRules withHold(int maxMessages, int maxBytes) {
        RoomRules d = RoomRules.defaults();
        return new RoomRules(d.maxPeers(), d.heartbeatTimeoutMs(), d.pingIntervalMs(), d.rateLimit(), d.rateWindowMs(),
                d.rateStrikes(), d.holdTimeoutMs(), maxMessages, maxBytes, d.idleRoomTtlMs());
    }
}
