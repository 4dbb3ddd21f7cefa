package dev.peerroom.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of a WebSocket join ({@code ?key=K&id=ID&token=T[&version=V]}), already
 * URL-decoded, and the checks that need no room state, in the contract's order.
 *
 * <p>It also carries the join gate's verdict: the gate judges a join once, when the upgrade
 * arrives, and the socket handler acts on that verdict later on the room's loop. Checking the
 * token again there would cost a second signature check per join. The verdict is written before
 * the socket moves to the room's loop and read after, so the move's hand-off orders the two.
 */
public final class JoinRequest {
    private final String roomId;
    private final String key;
    private final String peerId;
    private final String token;
    private boolean judged;
    private ErrorCode refusal;
    private String reason;

    public JoinRequest(String roomId, String key, String peerId, String token) {
        this.roomId = roomId;
        this.key = key;
        this.peerId = peerId;
        this.token = token;
    }

    public static JoinRequest of(String roomId, Map<String, List<String>> query) {
        return new JoinRequest(roomId, first(query, "key"), first(query, "id"), first(query, "token"));
    }

    public String roomId() {
        return roomId;
    }

    public String key() {
        return key;
    }

    public String peerId() {
        return peerId;
    }

    public String token() {
        return token;
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

    /** Records the gate's verdict: {@code refusal} null = admitted; {@code reason} is for the log only. */
    public void judge(ErrorCode refusal, String reason) {
        this.judged = true;
        this.refusal = refusal;
        this.reason = reason;
    }

    public boolean isJudged() {
        return judged;
    }

    /** The gate's refusal, null if admitted. A join the gate never saw is a bug, and is not let in. */
    public ErrorCode verdict() {
        if (!judged) {
            throw new IllegalStateException("join of " + peerId + " was never checked by the join gate");
        }
        return refusal;
    }

    /** Why the gate refused, beyond the error code (e.g. "expired"), or null. */
    public String verdictReason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinRequest other && Objects.equals(roomId, other.roomId)
                && Objects.equals(key, other.key) && Objects.equals(peerId, other.peerId)
                && Objects.equals(token, other.token);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roomId, key, peerId, token);
    }

    /** The token is a credential when join tokens are on: it never reaches a log line. */
    @Override
    public String toString() {
        return "JoinRequest[roomId=" + roomId + ", key=" + key + ", peerId=" + peerId
                + ", token=" + (token == null ? "none" : "(" + token.length() + " chars)") + "]";
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
