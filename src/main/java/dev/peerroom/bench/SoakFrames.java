package dev.peerroom.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The frames of {@code bench soak}: OFFER, ANSWER and CANDIDATE as the PeerJS client writes them,
 * each carrying a unique message id, and the few fields the soak reads from server frames.
 *
 * <p>The id travels where {@link MessageFactory} puts its timestamp, in the PeerJS connection id
 * ({@code dc_<16 digits>}), so {@link MessageFactory#parseStamp} finds it again. OFFER and
 * CANDIDATE are {@link MessageFactory}'s own bodies; ANSWER is a short SDP answer like Chrome's.
 */
final class SoakFrames {
    enum Type { OFFER, ANSWER, CANDIDATE }

    static final byte[] LEAVE = "{\"type\":\"LEAVE\"}".getBytes(StandardCharsets.US_ASCII);

    private static final String ANSWER_SDP = String.join("\\r\\n",
            "v=0",
            "o=- 2061452163547221019 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=msid-semantic: WMS",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:wxyz",
            "a=ice-pwd:Hk2Vd8Lq0Tz4Rn6Yp1Mc3Xb5",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 1A:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:F8:09:1A:2B:3C:4D:5E:6F:70:81:"
                    + "92:A3:B4:C5:D6:E7:F8:09",
            "a=setup:active",
            "a=mid:0",
            "a=sctp-port:5000",
            "a=max-message-size:262144",
            "");

    private final MessageFactory.Template offer;
    private final MessageFactory.Template answer;
    private final MessageFactory.Template candidate;

    SoakFrames() {
        MessageFactory factory = new MessageFactory();
        this.offer = factory.offer;
        this.candidate = factory.candidate;
        String connectionId = "dc_" + "0".repeat(MessageFactory.STAMP_DIGITS);
        this.answer = new MessageFactory.Template("{\"type\":\"ANSWER\",\"payload\":{\"sdp\":{\"type\":\"answer\","
                + "\"sdp\":\"" + ANSWER_SDP + "\"},\"type\":\"data\",\"connectionId\":\"" + connectionId + "\"}");
    }

    /** One client frame of {@code type} for {@code dst}, with {@code id} as its message id. */
    ByteBuf write(ByteBufAllocator alloc, Type type, String dst, long id) {
        MessageFactory.Template t = switch (type) {
            case OFFER -> offer;
            case ANSWER -> answer;
            case CANDIDATE -> candidate;
        };
        byte[] tail = MessageFactory.dstTail(dst);
        ByteBuf out = alloc.buffer(t.bytes.length + tail.length);
        int base = out.writerIndex();
        out.writeBytes(t.bytes);
        out.writeBytes(tail);
        byte[] digits = new byte[MessageFactory.STAMP_DIGITS];
        long v = id;
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int off : t.stampOffsets) {
            out.setBytes(base + off, digits);
        }
        return out;
    }

    /** The type of a relayed server frame ({@code {"type":"X...}), or null. */
    static Type relayedType(ByteBuf frame) {
        int at = frame.readerIndex() + 9;
        if (frame.writerIndex() <= at) {
            return null;
        }
        return switch (frame.getByte(at)) {
            case 'O' -> Type.OFFER;
            case 'A' -> Type.ANSWER;
            case 'C' -> Type.CANDIDATE;
            default -> null;
        };
    }

    /**
     * The string value of {@code key} among a server frame's leading members ({@code src} and
     * {@code dst} come before the payload), or null when absent. Peer ids need no unescaping.
     */
    static String field(ByteBuf frame, String key) {
        int n = Math.min(frame.readableBytes(), 200);
        String head = frame.toString(frame.readerIndex(), n, StandardCharsets.UTF_8);
        int payload = head.indexOf("\"payload\"");
        String needle = "\"" + key + "\":\"";
        int at = head.indexOf(needle);
        if (at < 0 || (payload >= 0 && at > payload)) {
            return null;
        }
        int from = at + needle.length();
        int to = head.indexOf('"', from);
        return to < 0 ? null : head.substring(from, to);
    }

    /** The first 200 characters of a frame, for examples in the report. */
    static String text(ByteBuf frame) {
        int n = Math.min(frame.readableBytes(), 200);
        return frame.toString(frame.readerIndex(), n, StandardCharsets.UTF_8);
    }
}
