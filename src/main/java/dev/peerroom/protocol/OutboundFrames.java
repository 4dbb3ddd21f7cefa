package dev.peerroom.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Encodes every frame the server sends, as UTF-8 JSON bytes. Peer ids are [A-Za-z0-9-] (checked
 * before they get here), so they are written without escaping. Routed signals, the bulk of the
 * traffic, can also be written straight into a Netty buffer.
 */
public final class OutboundFrames {
    private static final byte[] OPEN = ascii("{\"type\":\"OPEN\"}");
    private static final byte[] ID_TAKEN = ascii("{\"type\":\"ID-TAKEN\",\"payload\":{\"msg\":\"ID is taken\"}}");
    private static final Map<ErrorCode, byte[]> ERRORS = new EnumMap<>(ErrorCode.class);
    private static final byte[][] SIGNAL_PREFIX = new byte[MessageType.values().length][];
    private static final byte[] SRC_TO_DST = ascii("\",\"dst\":\"");
    private static final byte[] DST_TO_PAYLOAD = ascii("\",\"payload\":");

    static {
        for (ErrorCode code : ErrorCode.values()) {
            ERRORS.put(code, ascii("{\"type\":\"ERROR\",\"payload\":{\"msg\":\"" + code.message()
                    + "\",\"code\":\"" + code.name() + "\"}}"));
        }
        for (MessageType type : MessageType.values()) {
            SIGNAL_PREFIX[type.ordinal()] = ascii("{\"type\":\"" + type.name() + "\",\"src\":\"");
        }
    }

    private OutboundFrames() {
    }

    /** Shared instances: callers must not modify them. */
    public static byte[] open() {
        return OPEN;
    }

    public static byte[] idTaken() {
        return ID_TAKEN;
    }

    public static byte[] error(ErrorCode code) {
        return ERRORS.get(code);
    }

    /** {@code {"type":T,"src":S,"dst":D,"payload":P}} with P copied byte for byte. */
    public static byte[] signal(MessageType type, String src, String dst, byte[] buf, int payloadStart, int payloadEnd) {
        byte[] prefix = SIGNAL_PREFIX[type.ordinal()];
        int payloadLength = payloadEnd - payloadStart;
        byte[] out = new byte[signalLength(type, src, dst, payloadLength)];
        int i = put(out, 0, prefix);
        i = putAscii(out, i, src);
        i = put(out, i, SRC_TO_DST);
        i = putAscii(out, i, dst);
        i = put(out, i, DST_TO_PAYLOAD);
        System.arraycopy(buf, payloadStart, out, i, payloadLength);
        out[i + payloadLength] = '}';
        return out;
    }

    /**
     * The same frame as {@link #signal}, written into {@code out} (a socket's pooled buffer, so a
     * routed frame costs one copy of its payload and no array). Returns {@code out}.
     */
    public static ByteBuf writeSignal(ByteBuf out, MessageType type, String src, String dst,
                                      byte[] buf, int payloadStart, int payloadEnd) {
        out.writeBytes(SIGNAL_PREFIX[type.ordinal()]);
        out.writeCharSequence(src, StandardCharsets.US_ASCII);
        out.writeBytes(SRC_TO_DST);
        out.writeCharSequence(dst, StandardCharsets.US_ASCII);
        out.writeBytes(DST_TO_PAYLOAD);
        out.writeBytes(buf, payloadStart, payloadEnd - payloadStart);
        return out.writeByte('}');
    }

    /** The length in bytes of a signal frame, to size its buffer. */
    public static int signalLength(MessageType type, String src, String dst, int payloadLength) {
        return SIGNAL_PREFIX[type.ordinal()].length + src.length() + SRC_TO_DST.length + dst.length()
                + DST_TO_PAYLOAD.length + payloadLength + 1;
    }

    /** Sent to a sender whose held message to {@code unreachable} expired. */
    public static byte[] expire(String unreachable, String sender) {
        return ascii("{\"type\":\"EXPIRE\",\"src\":\"" + unreachable + "\",\"dst\":\"" + sender + "\"}");
    }

    /** Sent to every room mate of a peer that went stale. */
    public static byte[] expire(String stalePeer) {
        return ascii("{\"type\":\"EXPIRE\",\"src\":\"" + stalePeer + "\"}");
    }

    /** Broadcast when a peer leaves the room on purpose. */
    public static byte[] leave(String src) {
        return ascii("{\"type\":\"LEAVE\",\"src\":\"" + src + "\"}");
    }

    /** A LEAVE addressed to one peer. */
    public static byte[] leave(String src, String dst) {
        return ascii("{\"type\":\"LEAVE\",\"src\":\"" + src + "\",\"dst\":\"" + dst + "\"}");
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    private static int putAscii(byte[] out, int at, String s) {
        for (int k = 0; k < s.length(); k++) {
            out[at + k] = (byte) s.charAt(k);
        }
        return at + s.length();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
