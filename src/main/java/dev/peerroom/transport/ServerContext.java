package dev.peerroom.transport;

import dev.peerroom.auth.JoinGate;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.protocol.MessageDecoder;
import dev.peerroom.protocol.RoomPaths;
import dev.peerroom.room.Clock;
import dev.peerroom.room.RoomRegistry;
import io.netty.channel.group.ChannelGroup;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the transport handlers share for the life of the server.
 *
 * @param joinGate the join checks that need no room state, join tokens included
 */
public record ServerContext(
        ServerConfig config,
        RoomRegistry registry,
        MessageDecoder decoder,
        RoomPaths paths,
        Supplier<String> metricsScrape,
        BooleanSupplier healthy,
        ChannelGroup sockets,
        JoinGate joinGate) {

    /** Token expiry uses the wall clock: tokens are minted by another machine's wall clock. */
    public static ServerContext of(ServerConfig config, RoomRegistry registry, Supplier<String> metricsScrape,
                                   BooleanSupplier healthy, ChannelGroup sockets) {
        return new ServerContext(config, registry, new MessageDecoder(), new RoomPaths(config.basePath()),
                metricsScrape, healthy, sockets, JoinGate.from(config, Clock.SYSTEM));
    }
}
