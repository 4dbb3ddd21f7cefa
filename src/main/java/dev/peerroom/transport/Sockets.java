package dev.peerroom.transport;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;

/** Operations over every upgraded socket of the node. */
public final class Sockets {
    private Sockets() {
    }

    /** Closes each socket with a WebSocket close frame carrying {@code code}, joined or not. */
    public static void closeAll(ChannelGroup sockets, int code, String reason) {
        for (Channel ch : sockets) {
            ChannelPeerConnection conn = ch.attr(ChannelPeerConnection.KEY).get();
            if (conn != null) {
                conn.close(code, reason);
            } else {
                ch.close();
            }
        }
    }
}
