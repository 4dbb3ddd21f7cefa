package dev.peerroom.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random JSON text for the decoder's property tests: strings with every kind of escape, values of
 * bounded depth, and whitespace wherever JSON allows it. Everything is written by hand (not by a
 * JSON library) so that the exact bytes are known and the decoder's slice can be compared to them.
 */
final class JsonGen {
    static final String PEER_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";
    private static final String[] SHORT_ESCAPES = {"\\b", "\\f", "\\n", "\\r", "\\t"};
    private static final char[] SHORT_ESCAPED = {'\b', '\f', '\n', '\r', '\t'};

    private final Random r;

    JsonGen(Random r) {
        this.r = r;
    }

    Random random() {
        return r;
    }

    boolean chance(double p) {
        return r.nextDouble() < p;
    }

    int between(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    <T> T pick(List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    /** Whitespace JSON allows between tokens: mostly none. */
    String ws() {
        if (!chance(0.15)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = between(1, 3); i > 0; i--) {
            sb.append(" \t\r\n".charAt(r.nextInt(4)));
        }
        return sb.toString();
    }

    /** A valid peer id: 1-64 of [A-Za-z0-9-], mostly short like real ones. */
    String peerId() {
        int n = chance(0.1) ? between(1, 64) : between(1, 12);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(PEER_ID_CHARS.charAt(r.nextInt(PEER_ID_CHARS.length())));
        }
        return sb.toString();
    }

    /** Any Java string of well-formed UTF-16: ASCII, controls, quotes, Latin-1, BMP, emoji. */
    String unicode(int maxChars) {
        int n = between(0, maxChars);
        StringBuilder sb = new StringBuilder(n * 2);
        while (sb.length() < n) {
            int kind = r.nextInt(10);
            if (kind < 5) {
                sb.append((char) between(0x20, 0x7E));
            } else if (kind == 5) {
                sb.append("\"\\/\u0000\u001f\u007f".charAt(r.nextInt(6)));
            } else if (kind == 6) {
                sb.append((char) between(0x00, 0x1F));
            } else if (kind == 7) {
                sb.append((char) between(0x80, 0x7FF));
            } else if (kind == 8) {
                int c = between(0x800, 0xFFFD);
                sb.append(Character.isSurrogate((char) c) ? 'é' : (char) c);
            } else {
                sb.appendCodePoint(between(0x10000, 0x10FFFF));
            }
        }
        return sb.toString();
    }

    /**
     * {@code s} as a JSON string literal. Characters that must be escaped are, each in one of its
     * legal forms; any other character is escaped as {@code \\uXXXX} now and then. A surrogate pair
     * is escaped as two escapes or not at all (a raw half cannot be written in UTF-8).
     */
    String literal(String s, double escapeRate) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                char low = s.charAt(++i);
                if (chance(escapeRate)) {
                    sb.append(uEscape(c)).append(uEscape(low));
                } else {
                    sb.append(c).append(low);
                }
            } else if (c == '"') {
                sb.append(chance(0.8) ? "\\\"" : uEscape(c));
            } else if (c == '\\') {
                sb.append(chance(0.8) ? "\\\\" : uEscape(c));
            } else if (c < 0x20) {
                int shortForm = shortEscape(c);
                sb.append(shortForm >= 0 && chance(0.7) ? SHORT_ESCAPES[shortForm] : uEscape(c));
            } else if (c == '/' && chance(0.5)) {
                sb.append("\\/");
            } else if (chance(escapeRate)) {
                sb.append(uEscape(c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    String literal(String s) {
        return literal(s, 0.05);
    }

    private String uEscape(char c) {
        String hex = String.format("%04x", (int) c);
        return "\\u" + (chance(0.5) ? hex : hex.toUpperCase());
    }

    private static int shortEscape(char c) {
        for (int i = 0; i < SHORT_ESCAPED.length; i++) {
            if (SHORT_ESCAPED[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** A number as JSON writes it: integers, fractions, exponents, signs. */
    String number() {
        switch (r.nextInt(4)) {
            case 0:
                return Integer.toString(r.nextInt(1000));
            case 1:
                return Long.toString(r.nextLong());
            case 2:
                return (chance(0.5) ? "-" : "") + r.nextInt(100) + "." + between(0, 999);
            default:
                return between(1, 9) + (chance(0.5) ? "e" : "E") + (chance(0.5) ? "-" : "+") + between(0, 300);
        }
    }

    /** Any JSON value, nested at most {@code depth} more levels. */
    String value(int depth) {
        int kind = r.nextInt(depth > 0 ? 8 : 6);
        switch (kind) {
            case 0:
                return "null";
            case 1:
                return chance(0.5) ? "true" : "false";
            case 2:
            case 3:
                return number();
            case 4:
            case 5:
                return literal(unicode(12));
            case 6: {
                List<String> items = new ArrayList<>();
                for (int i = between(0, 3); i > 0; i--) {
                    items.add(value(depth - 1));
                }
                return array(items);
            }
            default:
                return object(fields(depth - 1, between(0, 3)));
        }
    }

    /** {@code n} fields with random names (possibly repeated, possibly empty) and values. */
    List<String[]> fields(int depth, int n) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new String[] {literal(unicode(8)), value(depth)});
        }
        return out;
    }

    String array(List<String> items) {
        StringBuilder sb = new StringBuilder("[").append(ws());
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(ws()).append(',').append(ws());
            }
            sb.append(items.get(i));
        }
        return sb.append(ws()).append(']').toString();
    }

    /** An object from (name literal, value text) pairs, in the order given. */
    String object(List<String[]> fields) {
        StringBuilder sb = new StringBuilder("{").append(ws());
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(ws()).append(',').append(ws());
            }
            sb.append(fields.get(i)[0]).append(ws()).append(':').append(ws()).append(fields.get(i)[1]);
        }
        return sb.append(ws()).append('}').toString();
    }

    /** {@code depth} levels of arrays and objects around {@code inner}. */
    String nest(int depth, String inner) {
        String v = inner;
        for (int i = 0; i < depth; i++) {
            v = chance(0.5) ? "[" + v + "]" : "{" + literal("k" + i) + ":" + v + "}";
        }
        return v;
    }
}
