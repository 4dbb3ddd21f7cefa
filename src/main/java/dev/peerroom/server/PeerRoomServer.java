package dev.peerroom.server;

import dev.peerroom.auth.JoinGate;
import dev.peerroom.cluster.ClusterNode;
import dev.peerroom.cluster.ClusterSettings;
import dev.peerroom.config.OperatorSettings;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.metrics.MicrometerRoomMetrics;
import dev.peerroom.metrics.NodeSampler;
import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.room.Clock;
import dev.peerroom.room.LocalMembership;
import dev.peerroom.room.Membership;
import dev.peerroom.room.RoomExecutors;
import dev.peerroom.room.RoomRegistry;
import dev.peerroom.room.RoomRules;
import dev.peerroom.transport.HttpEdge;
import dev.peerroom.transport.ServerChannelInitializer;
import dev.peerroom.transport.ServerContext;
import dev.peerroom.transport.Sockets;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PeerRoom node: the Netty server, the rooms on the worker event loops, and the one
 * node-wide sweeper that drives every time-based rule.
 */
public final class PeerRoomServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerRoomServer.class);
    private static final long DRAIN_MS = 3_000;

    private final ServerConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup sockets = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ChannelGroup allChannels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final RoomRegistry registry;
    private final ScheduledFuture<?> sweeper;
    private final ScheduledFuture<?> statusSampler;
    private final HttpEdge edge;
    private final ScheduledFuture<?> edgeSweeper;
    private final Channel serverChannel;
    private final ClusterNode cluster;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean accepting = true;

    private PeerRoomServer(ServerConfig config, Clock clock, Membership membership, ClusterNode cluster,
                           SslContext tls) throws InterruptedException {
        this.config = config;
        this.cluster = cluster;
        Transport transport = Transport.pick();
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
        // One event loop per core: Netty's default of two per core only makes them compete.
        this.workerGroup = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                transport.ioHandlers());
        List<EventExecutor> loops = new ArrayList<>();
        workerGroup.forEach(loops::add);
        log.info("transport {}, {} event loops", transport.name(), loops.size());
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        MicrometerRoomMetrics roomMetrics = new MicrometerRoomMetrics(meters);
        this.registry = new RoomRegistry(RoomRules.from(config), clock, membership,
                roomMetrics, RoomExecutors.spread(loops, EventExecutor::inEventLoop));
        NodeSampler sampler = new NodeSampler(clock, registry::roomCount, roomMetrics::peersConnected,
                roomMetrics::routedTotal);
        ServerContext context = ServerContext.of(config, registry, meters::scrape,
                () -> accepting && (cluster == null || cluster.healthy()), sockets,
                cluster == null ? ServerContext.LOCAL_NODE : cluster.nodeId(), sampler);
        if (cluster != null) {
            cluster.start(workerGroup.next());
        }
        long period = sweepPeriodMs(config);
        this.sweeper = workerGroup.next().scheduleAtFixedRate(registry::sweep, period, period, TimeUnit.MILLISECONDS);
        // The status page's history: one sample a second, only when something may read it.
        this.statusSampler = config.operator().statusPage() == OperatorSettings.StatusPage.OFF ? null
                : workerGroup.next().scheduleAtFixedRate(sampler::sample, 0, 1, TimeUnit.SECONDS);
        // The edge's one periodic task: handshake deadlines and upgrade windows of every connection.
        this.edge = new HttpEdge(config.security(), clock);
        this.edgeSweeper = workerGroup.next().scheduleAtFixedRate(edge::sweep, edge.sweepPeriodMs(),
                edge.sweepPeriodMs(), TimeUnit.MILLISECONDS);
        ServerChannelInitializer initializer = new ServerChannelInitializer(context, edge);
        this.serverChannel = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new io.netty.channel.ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        allChannels.add(ch);
                        if (tls != null) {
                            // First: every handler after it reads and writes plain HTTP and WebSocket.
                            // The upgrade keeps it, and RoomLoops' move to another loop carries it along.
                            ch.pipeline().addLast("tls", TlsSetup.newHandler(tls, ch));
                        }
                        ch.pipeline().addLast(initializer);
                    }
                })
                .bind(config.host(), config.port()).sync().channel();
    }

    /**
     * Starts a node with the system clock: with the in-memory engine, or as a cluster member when
     * the config names a Redis.
     */
    public static PeerRoomServer start(ServerConfig config) throws InterruptedException {
        return start(config, uncheckedTls(config));
    }

    private static PeerRoomServer start(ServerConfig config, SslContext tls) throws InterruptedException {
        if (config.redis() == null) {
            return start(config, Clock.SYSTEM, new LocalMembership(), null, tls);
        }
        ClusterNode cluster = ClusterNode.connect(ClusterSettings.of(config.redis(), config.clusterLease()),
                Clock.SYSTEM, config.idleRoomTtl().toMillis());
        try {
            return start(config, Clock.SYSTEM, cluster.membership(), cluster, tls);
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    public static PeerRoomServer start(ServerConfig config, Clock clock, Membership membership)
            throws InterruptedException {
        return start(config, clock, membership, null, uncheckedTls(config));
    }

    private static PeerRoomServer start(ServerConfig config, Clock clock, Membership membership,
                                        ClusterNode cluster, SslContext tls) throws InterruptedException {
        PeerRoomServer server = new PeerRoomServer(config, clock, membership, cluster, tls);
        // Scripts read the port from "listening on <host>:<port>": keep that part as it is.
        log.info("PeerRoom listening on {}:{} ({}, base path {}, key {}, max {} peers per room)",
                config.host(), server.port(), tls == null ? "http and ws" : "https and wss", config.basePath(),
                config.key(), config.maxPeers());
        return server;
    }

    /** For callers that start a node in-process (tests): a bad TLS file, with the same message, unchecked. */
    private static SslContext uncheckedTls(ServerConfig config) {
        try {
            return TlsSetup.serverContext(config.security());
        } catch (SettingFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs until SIGTERM (or another JVM shutdown), then closes every socket with 1012. */
    public static int runUntilShutdown(ServerConfig config) throws InterruptedException, SettingFileException {
        // Read before anything starts (event loops, Redis): a bad file ends the process at once,
        // with one line on stderr and exit code 1.
        SslContext tls = TlsSetup.serverContext(config.security());
        checkJoinTokenKey(config);
        PeerRoomServer server = start(config, tls);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "peerroom-shutdown"));
        // Start-up leaves its long-lived objects (Netty, metrics, logging) in the young generation,
        // where the first collections under load would copy them again and again. One collection
        // now, before the first client, moves them to the old generation, so those first pauses
        // shrink (measured at 5k msg/s: longest pause 25 → 11 ms, p99.9 10-14 → 4 ms).
        System.gc();
        server.closed.await();
        return 0;
    }

    /** A join-token key file that cannot be used stops the start as one line, like a TLS file. */
    private static void checkJoinTokenKey(ServerConfig config) throws SettingFileException {
        try {
            JoinGate.from(config, Clock.SYSTEM);
        } catch (RuntimeException e) {
            throw new SettingFileException(e.getMessage(), e);
        }
    }

    /** The sweeper must tick well inside the shortest time-based rule. */
    static long sweepPeriodMs(ServerConfig config) {
        long shortest = Math.min(config.pingInterval().toMillis(),
                Math.min(config.heartbeatTimeout().toMillis(), config.holdTimeout().toMillis()));
        return Math.max(10, Math.min(250, shortest / 8));
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The per-address limits and handshake deadlines of this node. */
    public HttpEdge edge() {
        return edge;
    }

    public RoomRegistry registry() {
        return registry;
    }

    public ServerConfig config() {
        return config;
    }

    /** Graceful shutdown: stop accepting, close sockets with 1012, then stop the event loops. */
    @Override
    public void close() {
        if (!accepting) {
            closed.countDown();
            return;
        }
        accepting = false;
        log.info("PeerRoom shutting down: closing {} sockets with 1012", sockets.size());
        serverChannel.close().awaitUninterruptibly();
        sweeper.cancel(false);
        edgeSweeper.cancel(false);
        if (statusSampler != null) {
            statusSampler.cancel(false);
        }
        registry.closeAll(CloseCodes.SERVICE_RESTART, "Server shutting down")
                .orTimeout(DRAIN_MS, TimeUnit.MILLISECONDS).exceptionally(e -> null).join();
        Sockets.closeAll(sockets, CloseCodes.SERVICE_RESTART, "Server shutting down");
        sockets.newCloseFuture().awaitUninterruptibly(DRAIN_MS);
        allChannels.close().awaitUninterruptibly(DRAIN_MS);
        if (cluster != null) {
            cluster.close();
        }
        workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("PeerRoom stopped");
        closed.countDown();
    }
}
