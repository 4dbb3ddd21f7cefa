package dev.peerroom.room;

/** A connected player (seed: Peer). Owned by its room; touched only on the room's executor. */
public final class Peer {
    /** Seed lifecycle: Connected until the first heartbeat, then Active; Stale on timeout. */
    public enum State { CONNECTED, ACTIVE, STALE, DISCONNECTED }

    private final String id;
    private final String token;
    private final long connectedAt;
    private final RateLimitState rateLimit;
    private PeerConnection connection;
    private long lastHeartbeat;
    private long lastPingAt;
    private long messageCount;
    private State state = State.CONNECTED;
    private String lastFailedDst;
    private long lastFailedAt;

    Peer(String id, String token, PeerConnection connection, long now, RateLimitState rateLimit) {
        this.id = id;
        this.token = token;
        this.connection = connection;
        this.connectedAt = now;
        this.lastHeartbeat = now;
        this.lastPingAt = now;
        this.rateLimit = rateLimit;
    }

    public String id() {
        return id;
    }

    public String token() {
        return token;
    }

    public PeerConnection connection() {
        return connection;
    }

    public long connectedAt() {
        return connectedAt;
    }

    public long lastHeartbeat() {
        return lastHeartbeat;
    }

    public long messageCount() {
        return messageCount;
    }

    public State state() {
        return state;
    }

    RateLimitState rateLimit() {
        return rateLimit;
    }

    /** Same-token takeover: the new socket replaces the old one; the peer counts as fresh. */
    void replaceConnection(PeerConnection newConnection, long now) {
        connection = newConnection;
        lastHeartbeat = now;
        lastPingAt = now;
        state = State.CONNECTED;
    }

    void heard(long now) {
        lastHeartbeat = now;
        if (state == State.CONNECTED) {
            state = State.ACTIVE;
        }
    }

    void countMessage() {
        messageCount++;
    }

    boolean isStale(long now, long timeoutMs) {
        return now - lastHeartbeat >= timeoutMs;
    }

    /**
     * A ping is due after a ping interval of silence (since the last frame or ping). Busy peers
     * need none, and pings follow each peer's own traffic instead of all falling due at once.
     */
    boolean pingDue(long now, long intervalMs) {
        if (now - Math.max(lastPingAt, lastHeartbeat) < intervalMs) {
            return false;
        }
        lastPingAt = now;
        return true;
    }

    void markStale() {
        state = State.STALE;
    }

    void markDisconnected() {
        state = State.DISCONNECTED;
    }

    /** Coalesces write failures to one EXPIRE per destination per burst. */
    boolean firstFailureTo(String dst, long now, long windowMs) {
        if (dst.equals(lastFailedDst) && now - lastFailedAt < windowMs) {
            return false;
        }
        lastFailedDst = dst;
        lastFailedAt = now;
        return true;
    }
}
