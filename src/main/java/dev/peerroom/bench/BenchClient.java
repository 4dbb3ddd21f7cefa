package dev.peerroom.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The generator's Netty side: one event loop group (epoll on Linux, else NIO), one
 * {@link LoopStats} per loop, and the sockets. {@link #epoch()} is the zero of every timestamp.
 */
final class BenchClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelClass;
    private final String transport;
    private final Bootstrap bootstrap;
    private final Map<EventLoop, LoopStats> stats = new ConcurrentHashMap<>();
    private final Map<String, InetSocketAddress> addresses = new ConcurrentHashMap<>();
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ErrorLog errors = new ErrorLog();
    private final MaskedFrames frames = new MaskedFrames(new MessageFactory());
    private final long epoch = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    private final boolean timerSlackLowered;
    private volatile boolean closing;

    /** @param transport "auto", "epoll" or "nio" */
    BenchClient(int threads, String transport) {
        boolean epoll = switch (transport) {
            case "auto" -> epollAvailable();
            case "epoll" -> {
                if (!epollAvailable()) {
                    throw new IllegalArgumentException("--transport epoll: the epoll transport is not available here");
                }
                yield true;
            }
            case "nio" -> false;
            default -> throw new IllegalArgumentException("--transport must be auto, epoll or nio");
        };
        this.group = new MultiThreadIoEventLoopGroup(threads, epoll ? epollFactory() : NioIoHandler.newFactory());
        this.channelClass = epoll ? epollChannel() : NioSocketChannel.class;
        this.transport = epoll ? "epoll" : "nio";
        boolean lowered = true;
        for (io.netty.util.concurrent.EventExecutor loop : group) {
            lowered &= loop.submit(ProcStats::lowerTimerSlack).syncUninterruptibly().getNow();
        }
        this.timerSlackLowered = lowered;
        this.bootstrap = new Bootstrap().group(group).channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20));
    }

    static {
        // The generator's buffers are not what is being tested; sampling them for leaks costs
        // time on the hot path. An explicit -Dio.netty.leakDetection.level (the tests) still wins.
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
    }

    // The epoll classes are a runtime-only dependency of the build, so they are reached by name.
    private static final String EPOLL = "io.netty.channel.epoll.";

    static boolean epollAvailable() {
        try {
            return (Boolean) Class.forName(EPOLL + "Epoll").getMethod("isAvailable").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    private static IoHandlerFactory epollFactory() {
        try {
            return (IoHandlerFactory) Class.forName(EPOLL + "EpollIoHandler").getMethod("newFactory").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("epoll transport", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends SocketChannel> epollChannel() {
        try {
            return (Class<? extends SocketChannel>) Class.forName(EPOLL + "EpollSocketChannel");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("epoll transport", e);
        }
    }

    String transport() {
        return transport;
    }

    /** Whether every loop thread runs with a 1 ns timer slack (precise send times). */
    boolean timerSlackLowered() {
        return timerSlackLowered;
    }

    long epoch() {
        return epoch;
    }

    /** The relay frames every connection of this client sends. */
    MaskedFrames frames() {
        return frames;
    }

    ErrorLog errors() {
        return errors;
    }

    boolean isClosing() {
        return closing;
    }

    LoopStats statsFor(EventLoop loop) {
        return stats.computeIfAbsent(loop, l -> new LoopStats());
    }

    /** Volatile reads of every loop's counters, for progress lines and drain checks. */
    List<LoopStats> allStats() {
        return new ArrayList<>(stats.values());
    }

    /** Runs {@code task} on every loop thread that has sockets and returns the answers. */
    <T> List<T> onEachLoop(Function<LoopStats, T> task) throws Exception {
        List<io.netty.util.concurrent.Future<T>> futures = new ArrayList<>();
        for (Map.Entry<EventLoop, LoopStats> e : stats.entrySet()) {
            LoopStats s = e.getValue();
            futures.add(e.getKey().submit(() -> task.apply(s)));
        }
        List<T> out = new ArrayList<>();
        for (io.netty.util.concurrent.Future<T> f : futures) {
            if (!f.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("an event loop did not answer within 10 s");
            }
            out.add(f.getNow());
        }
        return out;
    }

    ConnectStorm storm(List<Topology.PeerSpec> peers, int concurrency) {
        return new ConnectStorm(this, peers, concurrency);
    }

    /** Starts one connection; its outcome reaches its storm through the connection. */
    void connect(BenchConnection c) {
        open(c.spec.uri(), new UpgradeStart(c), c).addListener((ChannelFuture done) -> {
            if (!done.isSuccess()) {
                c.connectFailed(done.cause());
            }
        });
    }

    /**
     * Opens one WebSocket with {@code first} at the head of its pipeline (it sees the raw bytes)
     * and {@code last} after the upgrade handler (it sees the frames). The future is the TCP
     * connect; a socket that connects is closed by {@link #close()}.
     */
    ChannelFuture open(URI uri, ChannelHandler first, ChannelHandler last) {
        InetSocketAddress address = addresses.computeIfAbsent(uri.getHost() + ":" + uri.getPort(),
                k -> new InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort()));
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).version(WebSocketVersion.V13).allowExtensions(false)
                .customHeaders(EmptyHttpHeaders.INSTANCE).maxFramePayloadLength(1 << 20)
                .performMasking(true).handleCloseFrames(false)
                .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE).forceCloseTimeoutMillis(1_000)
                .dropPongFrames(true).handshakeTimeoutMillis(10_000)
                .generateOriginHeader(false).withUTF8Validator(false).build();
        ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(first, new HttpClientCodec(), new HttpObjectAggregator(16 * 1024),
                        new WebSocketClientProtocolHandler(config), last);
            }
        }).connect(address);
        f.addListener((ChannelFuture done) -> {
            if (done.isSuccess()) {
                channels.add(done.channel());
            }
        });
        return f;
    }

    /** Notes when the TCP connection is up, just before the upgrade request goes out. */
    private static final class UpgradeStart extends ChannelInboundHandlerAdapter {
        private final BenchConnection connection;

        UpgradeStart(BenchConnection connection) {
            this.connection = connection;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connection.connected(System.nanoTime());
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
        }
    }

    /** Closes every socket (with a WebSocket close frame) and stops the event loops. */
    @Override
    public void close() {
        closing = true;
        channels.close().awaitUninterruptibly(3, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
