package dev.peerroom.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * How a room's entries in Redis are read and written: the two keys a script gets, a member entry
 * {@code node|epoch|sha256(token)|joinedAt}, and the nested lists scripts answer with.
 */
final class MemberEntries {
    private MemberEntries() {
    }

    /** The keys every room script works on, in order: members, then leases. */
    static String[] keys(String roomId) {
        return new String[] {RedisKeys.members(roomId), RedisKeys.leases(roomId)};
    }

    /** The node that holds a member. */
    static String node(String entry) {
        return entry.split("\\|", 2)[0];
    }

    /** The epoch of the member's claim on its node. */
    static String epoch(String entry) {
        return entry.split("\\|", 3)[1];
    }

    /** The join time, last in the entry: members are listed in join order. */
    static String joinedAt(String entry) {
        return entry.substring(entry.lastIndexOf('|') + 1);
    }

    /** The nodes of a flat HGETALL answer (peer, entry, peer, entry...). */
    static List<String> nodesOf(Object flat) {
        List<String> kv = texts(flat);
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i < kv.size(); i += 2) {
            nodes.add(node(kv.get(i)));
        }
        return nodes;
    }

    static String text(Object o) {
        return o == null ? "" : o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : o.toString();
    }

    static List<String> texts(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                out.add(text(o));
            }
        }
        return out;
    }

    /** Tokens are not stored in Redis as such, only their hash: same-token takeover needs no more. */
    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
