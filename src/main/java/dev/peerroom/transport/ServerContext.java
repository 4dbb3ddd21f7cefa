package dev.peerroom.transport;

import dev.peerroom.auth.JoinGate;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.metrics.NodeSampler;
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
 * @param nodeId   this node's name in admin and status answers: its cluster id, or {@link #LOCAL_NODE}
 * @param sampler  the status page's history of this node
 */
public record ServerContext(
        ServerConfig config,
        RoomRegistry registry,
        MessageDecoder decoder,
        RoomPaths paths,
        Supplier<String> metricsScrape,
        BooleanSupplier healthy,
        ChannelGroup sockets,
        JoinGate joinGate,
        String nodeId,
        NodeSampler sampler) {

    /** The node name of a node that is not in a cluster. */
    public static final String LOCAL_NODE = "local";

    /**
     * A single node whose status history counts rooms only (tests and benchmarks that have no
     * node counters). Token expiry uses the wall clock: tokens are minted by another machine's wall clock.
     */
    public static ServerContext of(ServerConfig config, RoomRegistry registry, Supplier<String> metricsScrape,
                                   BooleanSupplier healthy, ChannelGroup sockets) {
        return of(config, registry, metricsScrape, healthy, sockets, LOCAL_NODE,
                new NodeSampler(Clock.SYSTEM, registry::roomCount, () -> 0, () -> 0));
    }

    public static ServerContext of(ServerConfig config, RoomRegistry registry, Supplier<String> metricsScrape,
                                   BooleanSupplier healthy, ChannelGroup sockets, String nodeId, NodeSampler sampler) {
        return new ServerContext(config, registry, new MessageDecoder(), new RoomPaths(config.basePath(), config.operator().peerjsCompat()),
                metricsScrape, healthy, sockets, JoinGate.from(config, Clock.SYSTEM), nodeId, sampler);
    }
}
