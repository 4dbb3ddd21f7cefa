package dev.peerroom.transport;

import dev.peerroom.config.ServerConfig;
import dev.peerroom.room.FakeClock;
import dev.peerroom.room.LocalMembership;
import dev.peerroom.room.RoomExecutors;
import dev.peerroom.room.RoomMetrics;
import dev.peerroom.room.RoomRegistry;
import dev.peerroom.room.RoomRules;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server's pipeline without a network: each {@link #connect()} is one accepted connection,
 * an {@link EmbeddedChannel} built by {@link ServerChannelInitializer}. All connections share one
 * registry on a direct executor and a fake clock, so everything runs on the test thread.
 */
final class EmbeddedServer implements AutoCloseable {
    static final String ROOM = "123456789012345678";
    static final String METRICS = "# HELP peerroom_test metrics text\n";

    final FakeClock clock = new FakeClock();
    final ServerConfig config;
    final RoomRegistry registry;
    final ChannelGroup sockets = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    final AtomicBoolean healthy = new AtomicBoolean(true);
    final ServerContext context;
    private final List<Client> clients = new ArrayList<>();

    EmbeddedServer(ServerConfig config) {
        this.config = config;
        this.registry = new RoomRegistry(RoomRules.from(config), clock, new LocalMembership(), RoomMetrics.NONE,
                RoomExecutors.direct());
        this.context = ServerContext.of(config, registry, () -> METRICS, healthy::get, sockets);
    }

    EmbeddedServer() {
        this(TestConfigs.defaults().build());
    }

    /** A new connection to the server. */
    Client connect() {
        EmbeddedChannel channel = new EmbeddedChannel(new ServerChannelInitializer(context,
                new HttpEdge(context.config().security(), dev.peerroom.room.Clock.SYSTEM)));
        // Netty's own clock moves only when a test advances it, so timers fire exactly then.
        channel.freezeTime();
        if (!channel.isOpen() || channel.pipeline().get("http-handler") == null) {
            throw new AssertionError("the server pipeline was not built on the channel: " + channel.pipeline().names());
        }
        Client client = new Client(channel, config.maxMessageBytes() * 2 + 1024);
        clients.add(client);
        return client;
    }

    /** A connection upgraded to {@code {base}rooms/ROOM/peerjs} as {@code id}, OPEN already read. */
    Client join(String id) {
        Client client = connect();
        HttpReply reply = client.upgrade(socketPath(ROOM, id), null);
        if (reply.status() != 101) {
            throw new AssertionError("upgrade for " + id + " answered " + reply);
        }
        String first = client.nextText();
        if (!first.equals("{\"type\":\"OPEN\"}")) {
            throw new AssertionError("expected OPEN for " + id + ", got " + first);
        }
        return client;
    }

    String socketPath(String room, String id) {
        return config.basePath() + "rooms/" + room + "/peerjs?key=" + config.key() + "&id=" + id + "&token=t-" + id
                + "&version=1.5.5";
    }

    @Override
    public void close() {
        for (Client client : clients) {
            client.close();
        }
    }
}
