package dev.peerroom.integration;

/** The exact frames the stock PeerJS 1.5.x client sends, and the exact frames the server answers. */
public final class Frames {
    private Frames() {
    }

    public static final String OPEN = "{\"type\":\"OPEN\"}";
    public static final String HEARTBEAT = "{\"type\":\"HEARTBEAT\"}";
    /** A LEAVE as a client would send it to leave the room. */
    public static final String CLIENT_LEAVE = "{\"type\":\"LEAVE\"}";

    public static String clientLeave(String dst) {
        return "{\"type\":\"LEAVE\",\"dst\":\"" + dst + "\"}";
    }
    public static final String ID_TAKEN = "{\"type\":\"ID-TAKEN\",\"payload\":{\"msg\":\"ID is taken\"}}";

    /** The payload of a data-connection OFFER, exactly as negotiator.ts builds it. */
    public static String offerPayload(String connectionId) {
        return "{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 4611 2 IN IP4 127.0.0.1\\r\\n"
                + "s=-\\r\\nt=0 0\\r\\na=group:BUNDLE 0\\r\\n\"},\"type\":\"data\",\"connectionId\":\""
                + connectionId + "\",\"label\":\"" + connectionId + "\",\"reliable\":false,"
                + "\"serialization\":\"binary\",\"metadata\":{\"nick\":\"x\"}}";
    }

    public static String answerPayload(String connectionId) {
        return "{\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\no=- 7719 2 IN IP4 127.0.0.1\\r\\n"
                + "s=-\\r\\nt=0 0\\r\\n\"},\"type\":\"data\",\"connectionId\":\"" + connectionId + "\"}";
    }

    public static String candidatePayload(String connectionId) {
        return "{\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host\","
                + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"abcd\"},\"type\":\"data\","
                + "\"connectionId\":\"" + connectionId + "\"}";
    }

    /** The client's OFFER: type, payload, dst (no src). */
    public static String offer(String dst) {
        return offer(dst, "dc_abc");
    }

    public static String offer(String dst, String connectionId) {
        return "{\"type\":\"OFFER\",\"payload\":" + offerPayload(connectionId) + ",\"dst\":\"" + dst + "\"}";
    }

    public static String answer(String dst) {
        return "{\"type\":\"ANSWER\",\"payload\":" + answerPayload("dc_abc") + ",\"dst\":\"" + dst + "\"}";
    }

    public static String candidate(String dst) {
        return candidate(dst, "dc_abc");
    }

    public static String candidate(String dst, String connectionId) {
        return "{\"type\":\"CANDIDATE\",\"payload\":" + candidatePayload(connectionId) + ",\"dst\":\"" + dst + "\"}";
    }

    /** What the server forwards: exactly type, src, dst, payload, in that order. */
    public static String routed(String type, String src, String dst, String payload) {
        return "{\"type\":\"" + type + "\",\"src\":\"" + src + "\",\"dst\":\"" + dst + "\",\"payload\":" + payload + "}";
    }

    public static String routedOffer(String src, String dst) {
        return routed("OFFER", src, dst, offerPayload("dc_abc"));
    }

    public static String routedOffer(String src, String dst, String connectionId) {
        return routed("OFFER", src, dst, offerPayload(connectionId));
    }

    public static String routedCandidate(String src, String dst, String connectionId) {
        return routed("CANDIDATE", src, dst, candidatePayload(connectionId));
    }

    public static String error(String msg, String code) {
        return "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"" + msg + "\",\"code\":\"" + code + "\"}}";
    }

    public static final String INVALID_ROOM = error("Invalid room id", "INVALID_ROOM");
    public static final String MISSING_PARAMS =
            error("No id, token, or key supplied to websocket server", "MISSING_PARAMS");
    public static final String INVALID_KEY = error("Invalid key provided", "INVALID_KEY");
    public static final String INVALID_ID = error("Invalid peer id", "INVALID_ID");
    public static final String ROOM_FULL = error("Room is full", "ROOM_FULL");
    public static final String INVALID_MESSAGE = error("Invalid message", "INVALID_MESSAGE");
    public static final String RATE_LIMITED = error("Rate limit exceeded", "RATE_LIMITED");

    /** EXPIRE to a sender whose held messages to {@code unreachable} were dropped. */
    public static String expire(String unreachable, String sender) {
        return "{\"type\":\"EXPIRE\",\"src\":\"" + unreachable + "\",\"dst\":\"" + sender + "\"}";
    }

    /** EXPIRE to the room mates of a stale peer. */
    public static String expireStale(String stale) {
        return "{\"type\":\"EXPIRE\",\"src\":\"" + stale + "\"}";
    }

    public static String leave(String src) {
        return "{\"type\":\"LEAVE\",\"src\":\"" + src + "\"}";
    }

    public static String leave(String src, String dst) {
        return "{\"type\":\"LEAVE\",\"src\":\"" + src + "\",\"dst\":\"" + dst + "\"}";
    }
}
