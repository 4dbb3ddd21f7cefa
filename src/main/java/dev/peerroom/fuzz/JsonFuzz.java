package dev.peerroom.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PeerJS client messages, valid ones and ones broken the ways a buggy or hostile client breaks
 * them. The destinations include the good peers, so whatever gets through is routed to them.
 */
final class JsonFuzz {
    private static final List<String> TYPES = List.of("OFFER", "ANSWER", "CANDIDATE", "LEAVE", "HEARTBEAT");
    private static final List<String> WRONG_VALUES = List.of("null", "1", "-1e999", "true", "[]", "{}", "[\"OFFER\"]",
            "{\"type\":\"OFFER\"}", "\"\"", "\"\\ud800\"", "123456789012345678901234567890", "\"a b\"");
    private static final List<String> BAD_ESCAPES = List.of("\\x41", "\\u12G4", "\\ud800", "\\udc00\\ud800", "\\", "\\u",
            "\\u00", "\\'", "\\\u0000", "\t", "\n");

    private final SplittableRandom r;
    private final List<String> dsts;

    /** @param dsts destinations to aim at: the good peers' ids, and anything else */
    JsonFuzz(SplittableRandom r, List<String> dsts) {
        this.r = r;
        this.dsts = dsts;
    }

    /** One message as UTF-8 bytes: a valid one now and then, mostly a broken one. */
    byte[] message() {
        String valid = valid();
        String out = switch (r.nextInt(12)) {
            case 0 -> valid;
            case 1 -> valid.substring(0, r.nextInt(valid.length()));
            case 2 -> confuseType(valid);
            case 3 -> deepNest();
            case 4 -> r.nextInt(8) == 0 ? hugeString() : longName();
            case 5 -> valid + pick(List.of("x", "{}", "[]", " 1", "}", "\"", ",{\"type\":\"LEAVE\"}"));
            case 6 -> insertAt(valid, pick(BAD_ESCAPES));
            case 7 -> duplicateKeys();
            case 8 -> pick(List.of("", " ", "null", "[]", "\"OFFER\"", "{", "}", "[{\"type\":\"HEARTBEAT\"}]",
                    "{\"type\":\"EXPIRE\",\"dst\":\"x\"}", "{\"type\":\"OPEN\"}", "{\"type\":\"offer\"}", "1e309"));
            case 9 -> spoofSrc(valid);
            default -> null;
        };
        return out != null ? out.getBytes(StandardCharsets.UTF_8) : flipBytes(valid.getBytes(StandardCharsets.UTF_8));
    }

    /** A well-formed PeerJS message to one of the destinations. */
    String valid() {
        String type = pick(TYPES);
        String dst = pick(dsts);
        return switch (type) {
            case "OFFER", "ANSWER" -> "{\"type\":\"" + type + "\",\"payload\":{\"sdp\":{\"type\":\"" + type.toLowerCase()
                    + "\",\"sdp\":\"v=0\\r\\no=- " + r.nextLong() + " 2 IN IP4 127.0.0.1\\r\\n\"},\"type\":\"data\","
                    + "\"connectionId\":\"dc_fuzz\",\"metadata\":{\"n\":\"é😀\"}},\"dst\":\"" + dst + "\"}";
            case "CANDIDATE" -> "{\"type\":\"CANDIDATE\",\"payload\":{\"candidate\":{\"candidate\":\"candidate:1 1 udp "
                    + r.nextInt() + " 127.0.0.1 9 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0},\"type\":\"data\","
                    + "\"connectionId\":\"dc_fuzz\"},\"dst\":\"" + dst + "\"}";
            case "LEAVE" -> "{\"type\":\"LEAVE\",\"dst\":\"" + dst + "\"}";
            default -> "{\"type\":\"HEARTBEAT\"}";
        };
    }

    /** One known field given a value of the wrong kind. */
    private String confuseType(String valid) {
        String field = pick(List.of("type", "dst", "src", "payload", "sdp", "candidate"));
        String wrong = pick(WRONG_VALUES);
        String key = "\"" + field + "\":";
        int at = valid.indexOf(key);
        if (at < 0) {
            return valid.substring(0, valid.length() - 1) + "," + key + wrong + "}";
        }
        int from = at + key.length();
        int to = endOfValue(valid, from);
        return valid.substring(0, from) + wrong + valid.substring(to);
    }

    /** The end of the JSON value starting at {@code from} (strings, objects, arrays, scalars). */
    private static int endOfValue(String s, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return s.length();
    }

    /** Metadata nested past the decoder's limit, or just under it. */
    private String deepNest() {
        int levels = 1 + r.nextInt(r.nextBoolean() ? 40 : 400);
        boolean arrays = r.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        boolean closed = r.nextInt(4) != 0;
        return "{\"type\":\"OFFER\",\"dst\":\"" + pick(dsts) + "\",\"payload\":{\"sdp\":\"x\",\"metadata\":"
                + open.repeat(levels) + "1" + (closed ? close.repeat(levels) + "}}" : "");
    }

    /** An SDP string around the decoder's string limit (256 KiB): large, so drawn rarely. */
    private String hugeString() {
        int n = 200 * 1024 + r.nextInt(120 * 1024);
        return "{\"type\":\"OFFER\",\"dst\":\"" + pick(dsts) + "\",\"payload\":{\"sdp\":\"" + "a".repeat(n) + "\"}}";
    }

    private String longName() {
        String name = "n".repeat(900 + r.nextInt(300));
        return "{\"type\":\"CANDIDATE\",\"dst\":\"" + pick(dsts) + "\",\"payload\":{\"candidate\":\"c\",\"" + name + "\":1}}";
    }

    private String duplicateKeys() {
        return "{\"type\":\"OFFER\",\"type\":\"LEAVE\",\"dst\":\"" + pick(dsts) + "\",\"dst\":null,"
                + "\"payload\":{\"sdp\":\"x\"},\"payload\":7}";
    }

    /** A src naming someone else: the server must refuse it, never forward it as theirs. */
    private String spoofSrc(String valid) {
        return "{\"src\":\"" + pick(dsts) + "\"," + valid.substring(1);
    }

    private String insertAt(String s, String what) {
        int at = r.nextInt(s.length() + 1);
        return s.substring(0, at) + what + s.substring(at);
    }

    private byte[] flipBytes(byte[] b) {
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            int at = r.nextInt(b.length);
            b[at] = r.nextBoolean() ? (byte) (b[at] ^ 1 << r.nextInt(8)) : (byte) r.nextInt(256);
        }
        return b;
    }

    private <T> T pick(List<T> items) {
        return items.get(r.nextInt(items.size()));
    }
}
