package dev.peerroom.fuzz;

/**
 * The numbered messages good peers exchange: PeerJS-shaped OFFERs and CANDIDATEs (every fifth an
 * OFFER) whose payload carries the sequence number, so the receiver can rebuild exactly the frame
 * the server must forward and compare byte for byte.
 */
final class GoodMessages {
    private GoodMessages() {
    }

    static String type(long seq) {
        return seq % 5 == 0 ? "OFFER" : "CANDIDATE";
    }

    static String payload(long seq) {
        if (seq % 5 == 0) {
            return "{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- " + seq + " 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\n"
                    + "t=0 0\\r\\na=group:BUNDLE 0\\r\\n\"},\"type\":\"data\",\"connectionId\":\"dc_good\","
                    + "\"label\":\"dc_good\",\"reliable\":false,\"serialization\":\"binary\","
                    + "\"metadata\":{\"seq\":" + seq + ",\"note\":\"Zoë 😀 \\\"q\\\"\"}}";
        }
        return "{\"candidate\":{\"candidate\":\"candidate:" + seq + " 1 udp 2122260223 127.0.0.1 "
                + (1024 + seq % 60000) + " typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0},"
                + "\"type\":\"data\",\"connectionId\":\"dc_good\"}";
    }

    /** What the stock client sends: {type, payload, dst}, no src. */
    static String clientFrame(long seq, String dst) {
        return "{\"type\":\"" + type(seq) + "\",\"payload\":" + payload(seq) + ",\"dst\":\"" + dst + "\"}";
    }

    /** What the server must deliver for it: {type, src, dst, payload}, the payload untouched. */
    static String deliveredFrame(long seq, String src, String dst) {
        return "{\"type\":\"" + type(seq) + "\",\"src\":\"" + src + "\",\"dst\":\"" + dst + "\",\"payload\":" + payload(seq) + "}";
    }

    /** True for a routed OFFER or CANDIDATE that the server stamped as coming from {@code src}. */
    static boolean isFrom(String text, String src) {
        String from = ",\"src\":\"" + src + "\",";
        return text.startsWith("{\"type\":\"OFFER\"" + from) || text.startsWith("{\"type\":\"CANDIDATE\"" + from);
    }
}
