package dev.peerroom.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One message on a node inbox: a kind letter and newline-separated fields, then an optional body
 * (a frame, byte for byte). Room and peer ids cannot contain newlines (they are validated on join).
 */
record InboxMessage(char kind, String[] fields, byte[] body) {
    /** A routed frame for a peer: fields room, src, dst. */
    static final char FRAME = 'F';
    /** A frame for every local peer of a room but one: fields room, exceptPeer. */
    static final char BROADCAST = 'B';
    /** A peer joined on the sender node: fields room, peer, node. */
    static final char JOINED = 'J';
    /** A peer left (its claim was released): fields room, peer, node. */
    static final char LEFT = 'L';
    /** A peer reconnected on the sender node; the receiver closes its old socket: room, peer, epoch. */
    static final char REPLACED = 'K';
    /** An operator kicked a peer of the receiver through the sender's admin API: fields room, peer. */
    static final char KICK = 'X';
    /** The sender's own liveness probe: field nonce. */
    static final char PROBE = 'P';

    private static final byte[] NONE = new byte[0];

    static byte[] encode(char kind, byte[] body, String... fields) {
        StringBuilder head = new StringBuilder().append(kind);
        for (String f : fields) {
            head.append('\n').append(f == null ? "" : f);
        }
        head.append('\n');
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] b = body == null ? NONE : body;
        byte[] out = Arrays.copyOf(h, h.length + b.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }

    /** Parses a message with {@code fieldCount} fields; null when it is malformed. */
    static InboxMessage decode(byte[] bytes, int fieldCount) {
        if (bytes.length < 2 || bytes[1] != '\n') {
            return null;
        }
        String[] fields = new String[fieldCount];
        int pos = 2;
        for (int i = 0; i < fieldCount; i++) {
            int end = indexOf(bytes, pos);
            if (end < 0) {
                return null;
            }
            fields[i] = new String(bytes, pos, end - pos, StandardCharsets.UTF_8);
            pos = end + 1;
        }
        return new InboxMessage((char) bytes[0], fields, Arrays.copyOfRange(bytes, pos, bytes.length));
    }

    /** How many fields a kind carries; -1 for an unknown kind. */
    static int fieldCount(byte kind) {
        return switch (kind) {
            case FRAME, JOINED, LEFT, REPLACED -> 3;
            case BROADCAST, KICK -> 2;
            case PROBE -> 1;
            default -> -1;
        };
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Field {@code i}, or null for an empty field (an absent sender). */
    String field(int i) {
        return fields[i].isEmpty() ? null : fields[i];
    }
}
