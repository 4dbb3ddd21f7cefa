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
    /** Came by peerjs-server's classic path ({@code {base}peerjs}), which exists only with --peerjs-compat. */
    private final boolean classic;
    private boolean judged;
    private ErrorCode refusal;
    private String reason;

    public JoinRequest(String roomId, String key, String peerId, String token) {
        this(roomId, key, peerId, token, false);
    }

    private JoinRequest(String roomId, String key, String peerId, String token, boolean classic) {
        this.roomId = roomId;
        this.key = key;
        this.peerId = peerId;
        this.token = token;
        this.classic = classic;
    }

    public static JoinRequest of(String roomId, Map<String, List<String>> query) {
        return new JoinRequest(roomId, first(query, "key"), first(query, "id"), first(query, "token"));
    }

    /**
     * A join of peerjs-server's classic namespace: the room is {@link Identifiers#CLASSIC_ROOM}
     * and peer ids follow the stock client's grammar. Only the classic socket path makes one, so
     * a room URL naming "classic" is still refused as an invalid room.
     */
    public static JoinRequest classic(Map<String, List<String>> query) {
        return new JoinRequest(Identifiers.CLASSIC_ROOM, first(query, "key"), first(query, "id"),
                first(query, "token"), true);
    }

    /** Test and tool use: a classic join with these parameters. */
    public static JoinRequest classic(String key, String peerId, String token) {
        return new JoinRequest(Identifiers.CLASSIC_ROOM, key, peerId, token, true);
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

    public boolean isClassic() {
        return classic;
    }

    /** The first refusal that applies, or null when the join may go on to the room. */
    public ErrorCode refusal(String expectedKey) {
        if (!classic && !Identifiers.isValidRoomId(roomId)) {
            return ErrorCode.INVALID_ROOM;
        }
        if (isEmpty(peerId) || isEmpty(token) || isEmpty(key)) {
            return ErrorCode.MISSING_PARAMS;
        }
        if (!key.equals(expectedKey)) {
            return ErrorCode.INVALID_KEY;
        }
        if (classic ? !Identifiers.isValidClassicPeerId(peerId) : !Identifiers.isValidPeerId(peerId)) {
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
        return o instanceof JoinRequest other && classic == other.classic && Objects.equals(roomId, other.roomId)
                && Objects.equals(key, other.key) && Objects.equals(peerId, other.peerId)
                && Objects.equals(token, other.token);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roomId, key, peerId, token, classic);
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
