package dev.peerroom.room;

import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.OutboundFrames;

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

    /**
     * Sends {@code message} routed from {@code src}: {@code {"type","src","dst","payload"}} with the
     * payload bytes unchanged. If the write fails, {@code onFailure} is told once, on any thread.
     * A socket encodes the frame straight into its own buffer; this default builds it as bytes.
     */
    default void deliverSignal(InboundMessage message, String src, FailedDelivery onFailure) {
        deliver(OutboundFrames.signal(message.type(), src, message.dst(), message.buffer(),
                message.payloadStart(), message.payloadEnd()), () -> onFailure.failed(src, message.dst()));
    }

    /** Sends a WebSocket ping; the browser answers with a pong on its own. */
    void ping();

    /** Closes the socket with a WebSocket close code; idempotent. */
    void close(int code, String reason);

    /** Remote address for logs. */
    String describe();

    /** Where a failed routed write is reported: one object per room, so a write allocates no callback. */
    @FunctionalInterface
    interface FailedDelivery {
        void failed(String src, String dst);
    }
}
