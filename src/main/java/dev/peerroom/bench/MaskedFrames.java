package dev.peerroom.bench;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The relay messages as complete client WebSocket frames (RFC 6455: FIN text frame, masked),
 * pre-masked once per masking key, so that a send is two copies and 32 masked digit bytes: no
 * frame object, no encoder pass, no per-byte masking. The payload is byte for byte what
 * {@link MessageFactory} writes; the server unmasks it as it would any client frame.
 *
 * <p>Browsers pick a new random key per frame. Here each connection keeps one of
 * {@link #KEYS} random keys, all four bytes non-zero (Netty skips unmasking a zero key, which
 * would flatter Netty-based servers); the server's work is the same either way.
 */
final class MaskedFrames {
    static final int KEYS = 16;

    private final MessageFactory factory;
    private final byte[][] keys = new byte[KEYS][4];
    private final byte[][] offers = new byte[KEYS][];
    private final byte[][] candidates = new byte[KEYS][];

    MaskedFrames(MessageFactory factory) {
        this.factory = factory;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int k = 0; k < KEYS; k++) {
            for (int b = 0; b < 4; b++) {
                keys[k][b] = (byte) (1 + r.nextInt(255));
            }
            offers[k] = mask(factory.offer.bytes, 0, keys[k]);
            candidates[k] = mask(factory.candidate.bytes, 0, keys[k]);
        }
    }

    MessageFactory factory() {
        return factory;
    }

    /** The key a connection uses. */
    static int keyFor(int connectionIndex) {
        return Math.floorMod(connectionIndex, KEYS);
    }

    /** A dst tail masked for key {@code key}, placed after an OFFER or a CANDIDATE body. */
    byte[] maskTail(byte[] tail, int key, boolean offer) {
        int at = (offer ? factory.offer : factory.candidate).bytes.length;
        return mask(tail, at, keys[key]);
    }

    static byte[] mask(byte[] plain, int payloadOffset, byte[] key) {
        byte[] out = new byte[plain.length];
        for (int i = 0; i < plain.length; i++) {
            out[i] = (byte) (plain[i] ^ key[(payloadOffset + i) & 3]);
        }
        return out;
    }

    /** Bytes of the whole frame for a body and a tail of {@code tailLength} bytes. */
    int frameLength(boolean offer, int tailLength) {
        int payload = (offer ? factory.offer : factory.candidate).bytes.length + tailLength;
        return headerLength(payload) + 4 + payload;
    }

    private static int headerLength(int payload) {
        return payload < 126 ? 2 : payload < 65536 ? 4 : 10;
    }

    /**
     * Writes one masked text frame: header, key, the pre-masked body and tail, then the stamp's
     * digits masked in place. {@code scratch} is a caller-owned array of
     * {@link MessageFactory#STAMP_DIGITS}.
     */
    void write(ByteBuf out, boolean offer, int key, byte[] maskedTail, long stamp, byte[] scratch) {
        MessageFactory.Template t = offer ? factory.offer : factory.candidate;
        int payload = t.bytes.length + maskedTail.length;
        out.writeByte(0x81); // FIN, text
        if (payload < 126) {
            out.writeByte(0x80 | payload);
        } else if (payload < 65536) {
            out.writeByte(0x80 | 126);
            out.writeShort(payload);
        } else {
            out.writeByte(0x80 | 127);
            out.writeLong(payload);
        }
        byte[] k = keys[key];
        out.writeBytes(k);
        int start = out.writerIndex();
        out.writeBytes(offer ? offers[key] : candidates[key]);
        out.writeBytes(maskedTail);
        long v = stamp;
        for (int i = MessageFactory.STAMP_DIGITS - 1; i >= 0; i--) {
            scratch[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int off : t.stampOffsets) {
            for (int j = 0; j < MessageFactory.STAMP_DIGITS; j++) {
                out.setByte(start + off + j, scratch[j] ^ k[(off + j) & 3]);
            }
        }
    }
}
