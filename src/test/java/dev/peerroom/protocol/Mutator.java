package dev.peerroom.protocol;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/** Breaks frames the ways a broken or hostile client would: bytes, structure, encoding. */
final class Mutator {
    /**
     * Byte sequences that are not UTF-8 (RFC 3629) wherever they are inserted: stray continuation
     * bytes, overlong forms, UTF-16 surrogates (also as a CESU-8 pair), code points past U+10FFFF,
     * bytes that never occur, truncated sequences and NUL (never valid raw in JSON).
     */
    static final List<byte[]> INVALID_UTF8 = List.of(
            hex("80"), hex("bf"), hex("c080"), hex("c1bf"), hex("e08080"), hex("e09fbf"), hex("f0808080"),
            hex("f08fbfbf"), hex("eda080"), hex("edbfbf"), hex("eda0bdedb880"), hex("f4908080"), hex("f5808080"),
            hex("f888808080"), hex("fc8480808080"), hex("fe"), hex("ff"), hex("c3"), hex("e282"), hex("f09f98"),
            hex("00"), hex("c328"), hex("e228a1"));

    private static final String STRUCTURE = "{}[]:,\"\\ ";

    private final JsonGen g;

    Mutator(JsonGen g) {
        this.g = g;
    }

    /** One to three random mutations of {@code frame}. */
    byte[] mutate(byte[] frame) {
        byte[] b = frame;
        for (int i = g.between(1, 3); i > 0; i--) {
            b = once(b);
        }
        return b;
    }

    private byte[] once(byte[] b) {
        if (b.length == 0) {
            return g.literal(g.unicode(4)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        int at = g.random().nextInt(b.length);
        switch (g.random().nextInt(9)) {
            case 0:
                return Arrays.copyOf(b, at);
            case 1: {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << g.random().nextInt(8));
                return c;
            }
            case 2: {
                byte[] c = b.clone();
                c[at] = (byte) g.random().nextInt(256);
                return c;
            }
            case 3: {
                byte[] junk = new byte[g.between(1, 8)];
                g.random().nextBytes(junk);
                return insert(b, at, junk);
            }
            case 4:
                return delete(b, at, g.between(1, Math.min(16, b.length - at)));
            case 5: {
                int n = g.between(1, Math.min(32, b.length - at));
                return insert(b, g.random().nextInt(b.length + 1), Arrays.copyOfRange(b, at, at + n));
            }
            case 6:
                return insert(b, at, g.pick(INVALID_UTF8));
            case 7: {
                byte[] c = b.clone();
                c[at] = (byte) STRUCTURE.charAt(g.random().nextInt(STRUCTURE.length()));
                return c;
            }
            default:
                return insert(b, b.length, (g.ws() + g.value(2)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
        out.write(b, 0, at);
        out.write(what, 0, what.length);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] delete(byte[] b, int at, int n) {
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + n, out, at, b.length - at - n);
        return out;
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
