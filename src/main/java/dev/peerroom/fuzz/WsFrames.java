package dev.peerroom.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

/**
 * Client WebSocket frames (RFC 6455 section 5.2) with every header field under the caller's
 * control, including the ones a well-behaved client never gets wrong: reserved bits, opcodes, the
 * mask bit, and a declared length that differs from the payload sent.
 */
final class WsFrames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private WsFrames() {
    }

    /** A well-formed masked frame. */
    static byte[] frame(SplittableRandom r, int opcode, boolean fin, byte[] payload) {
        return raw(r, fin, 0, opcode, true, payload.length, payload);
    }

    /**
     * Any frame: {@code rsv} is the three reserved bits (0-7), {@code declared} the length written in
     * the header whatever the payload's size, encoded in the shortest form unless it is negative
     * (then a 64-bit length with the top bit set, which RFC 6455 forbids).
     */
    static byte[] raw(SplittableRandom r, boolean fin, int rsv, int opcode, boolean masked, long declared, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0x0F));
        int maskBit = masked ? 0x80 : 0;
        if (declared >= 0 && declared < 126) {
            out.write(maskBit | (int) declared);
        } else if (declared >= 0 && declared < 65536) {
            out.write(maskBit | 126);
            out.write((int) (declared >>> 8));
            out.write((int) declared);
        } else {
            out.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (declared >>> (8 * i)));
            }
        }
        if (masked) {
            byte[] key = new byte[4];
            for (int i = 0; i < 4; i++) {
                key[i] = (byte) r.nextInt(256);
            }
            out.write(key, 0, 4);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ key[i & 3]);
            }
        } else {
            out.write(payload, 0, payload.length);
        }
        return out.toByteArray();
    }

    /** A 2-byte length written the long way (126 form for a length under 126): legal but not minimal. */
    static byte[] nonMinimalLength(SplittableRandom r, int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        out.write(0x80 | opcode);
        out.write(0x80 | 126);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        byte[] key = {(byte) r.nextInt(256), (byte) r.nextInt(256), (byte) r.nextInt(256), (byte) r.nextInt(256)};
        out.write(key, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }

    /** The payload of a close frame: a status code and a reason (either may be odd). */
    static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
