package dev.peerroom.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The strict UTF-8 check every client frame passes before it is parsed. */
public final class Utf8 {
    /** Eight bytes at a time, in any alignment; the byte order does not matter to the test. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /**
     * RFC 3629 UTF-8 with no NUL byte. Jackson lets overlong forms, surrogates and code points above
     * U+10FFFF through (they would be forwarded to browsers, which drop the socket on them), and it
     * auto-detects UTF-16/32 from NUL bytes (it then reports no byte offsets, so the payload slice
     * would be wrong). A raw NUL is never valid in JSON text, so refusing it costs nothing.
     *
     * <p>Signalling frames are almost all ASCII (an SDP is), so runs of eight bytes in 0x01-0x7F
     * are passed in one step; any other byte is checked one code point at a time.
     */
    public static boolean isStrict(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            if (to - i >= Long.BYTES && isAsciiWithoutNul((long) LONGS.get(b, i))) {
                i += Long.BYTES;
                continue;
            }
            int c = b[i++] & 0xFF;
            if (c >= 0x01 && c < 0x80) {
                continue;
            }
            int extra;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                extra = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                extra = 2;
                lo = c == 0xE0 ? 0xA0 : 0x80;
                hi = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                extra = 3;
                lo = c == 0xF0 ? 0x90 : 0x80;
                hi = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false; // NUL, a stray continuation byte, C0/C1, F5-FF
            }
            if (to - i < extra) {
                return false;
            }
            int second = b[i++] & 0xFF;
            if (second < lo || second > hi) {
                return false;
            }
            for (int k = 1; k < extra; k++) {
                if ((b[i++] & 0xC0) != 0x80) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * True when all eight bytes are 0x01-0x7F: none has its high bit set, and subtracting one from
     * each borrows (setting a high bit) only where a byte is zero.
     */
    private static boolean isAsciiWithoutNul(long w) {
        return ((w | (w - ONES)) & HIGH_BITS) == 0;
    }
}
