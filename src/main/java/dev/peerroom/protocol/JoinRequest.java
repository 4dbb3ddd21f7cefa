package dev.peerroom.protocol;

import java.util.List;
import java.util.Map;

/**
 * The parameters of a WebSocket join ({@code ?key=K&id=ID&token=T[&version=V]}), already
 * URL-decoded, and the checks that need no room state, in the contract's order.
 */
public record JoinRequest(String roomId, String key, String peerId, String token) {

    public static JoinRequest of(String roomId, Map<String, List<String>> query) {
        return new JoinRequest(roomId, first(query, "key"), first(query, "id"), first(query, "token"));
    }

    /** The first refusal that applies, or null when the join may go on to the room. */
    public ErrorCode refusal(String expectedKey) {
        if (!Identifiers.isValidRoomId(roomId)) {
            return ErrorCode.INVALID_ROOM;
        }
        if (isEmpty(peerId) || isEmpty(token) || isEmpty(key)) {
            return ErrorCode.MISSING_PARAMS;
        }
        if (!key.equals(expectedKey)) {
            return ErrorCode.INVALID_KEY;
        }
        if (!Identifiers.isValidPeerId(peerId)) {
            return ErrorCode.INVALID_ID;
        }
        return null;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
