package dev.peerroom.room;

/**
 * The room's view of one peer's socket. Implementations must be safe to call from the room's
 * executor while the socket lives on another thread.
 */
public interface PeerConnection {

    /** Sends a server frame (OPEN, ERROR, EXPIRE, LEAVE...). Frames may be shared: do not modify. */
    void send(byte[] frame);

    /**
     * Sends a routed frame; if the write fails (the socket closed under it), {@code onFailure}
     * runs once, on any thread.
     */
    void deliver(byte[] frame, Runnable onFailure);

    /** Sends a WebSocket ping; the browser answers with a pong on its own. */
    void ping();

    /** Closes the socket with a WebSocket close code; idempotent. */
    void close(int code, String reason);

    /** Remote address for logs. */
    String describe();
}
