package dev.peerroom.protocol;

/** WebSocket close codes the server uses. */
public final class CloseCodes {
    /** The peer sent LEAVE without dst. */
    public static final int NORMAL = 1000;
    /** A refused join, or persistent rate-limit abuse. */
    public static final int POLICY_VIOLATION = 1008;
    /** A message over the size cap. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The server is shutting down; the client may reconnect. */
    public static final int SERVICE_RESTART = 1012;
    /** The same id and token joined on a newer socket. */
    public static final int REPLACED = 4000;
    /** No frame within the heartbeat timeout. */
    public static final int STALE = 4001;

    private CloseCodes() {
    }
}
