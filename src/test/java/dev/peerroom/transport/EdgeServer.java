package dev.peerroom.transport;

import dev.peerroom.config.SecuritySettings;
import dev.peerroom.config.ServerConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EmbeddedServer} whose connections come from chosen IP addresses and share one
 * {@link HttpEdge} on the server's fake clock, which a test sweeps by hand: the node-wide sweep
 * becomes a call, and time moves only when the test says so.
 */
final class EdgeServer implements AutoCloseable {
    final EmbeddedServer base;
    final HttpEdge edge;
    private final List<Client> clients = new ArrayList<>();
    private int nextPort = 40_000;

    EdgeServer(TestConfigs config, SecuritySettings security) {
        ServerConfig withSecurity = config.build().withSecurity(security);
        this.base = new EmbeddedServer(withSecurity);
        this.edge = new HttpEdge(security, base.clock);
    }

    /** A new connection from {@code ip} (a literal address). */
    Client connect(String ip) {
        InetSocketAddress peer = new InetSocketAddress(io.netty.util.NetUtil.createInetAddressFromIpAddressString(ip),
                nextPort++);
        Client client = new Client(new PeerChannel(peer, new ServerChannelInitializer(base.context, edge)),
                base.config.maxMessageBytes() * 2 + 1024);
        clients.add(client);
        return client;
    }

    /** Moves the clock and runs the node-wide sweep, as the server's periodic task would. */
    void advanceAndSweep(long ms) {
        base.clock.advance(ms);
        edge.sweep();
    }

    String socketPath(String id) {
        return base.socketPath(EmbeddedServer.ROOM, id);
    }

    @Override
    public void close() {
        for (Client client : clients) {
            client.close();
        }
        base.close();
    }

    /** An EmbeddedChannel with an IP peer address, registered only once the address is set. */
    private static final class PeerChannel extends EmbeddedChannel {
        private final SocketAddress peer;

        PeerChannel(SocketAddress peer, ChannelHandler initializer) {
            super(false, false, initializer);
            this.peer = peer;
            try {
                register();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return isActive() ? peer : null;
        }
    }
}
