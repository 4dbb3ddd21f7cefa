package dev.peerroom.transport;

import java.nio.charset.StandardCharsets;

/** A WebSocket frame as a client decoded it off the wire; holds no Netty buffers. */
record WsFrame(Kind kind, boolean fin, byte[] data, int closeStatus, String closeReason) {
    enum Kind { TEXT, BINARY, CONTINUATION, PING, PONG, CLOSE }

    String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CLOSE -> "CLOSE " + closeStatus + " " + closeReason;
            case TEXT, CONTINUATION -> kind + (fin ? "" : " (not final)") + " " + text();
            default -> kind + " " + data.length + " bytes";
        };
    }
}
