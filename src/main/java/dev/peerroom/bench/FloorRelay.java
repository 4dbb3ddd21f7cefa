package dev.peerroom.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The physical floor PeerRoom is measured against: a deliberately trivial WebSocket relay.
 *
 * <p>It upgrades any path, takes {@code id} from the query, sends {@code {"type":"OPEN"}}, keeps
 * a concurrent map of id to channel, and forwards each text frame to the channel named by its
 * {@code "dst":"} value, found by a byte scan, with {@code "src":"<sender>",} inserted: after the
 * {@code "type"} member when the frame starts with one (as every PeerJS client's frame does), so
 * that the receiver sees {@code {"type":"OFFER","src":"A",...}}, type first and src next as from
 * peerjs-server, else right after the opening brace. The forwarded frame is a composite of the
 * received frame's own buffer, split at that point, and a per-sender insert built once: the
 * payload is never copied or parsed. Frames without {@code dst} (HEARTBEAT) and frames to an unknown id are dropped. There is no
 * validation, no rooms, no limits, no pings: whatever this costs per message is the cost of the
 * kernel, the loopback TCP and the WebSocket framing, which every server pays.
 */
public final class FloorRelay implements AutoCloseable {
    private static final byte[] DST = "\"dst\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf OPEN = Unpooled.unreleasableBuffer(Unpooled.directBuffer(16)
            .writeBytes("{\"type\":\"OPEN\"}".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final ConcurrentHashMap<String, Channel> peers = new ConcurrentHashMap<>();
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final String transport;

    private FloorRelay(String host, int port, int threads) throws InterruptedException {
        Object[] epoll = epoll();
        IoHandlerFactory io = epoll != null ? (IoHandlerFactory) epoll[0] : NioIoHandler.newFactory();
        @SuppressWarnings("unchecked")
        Class<? extends ServerChannel> channelClass = epoll != null
                ? (Class<? extends ServerChannel>) epoll[1] : NioServerSocketChannel.class;
        this.transport = epoll != null ? "epoll" : "nio";
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
        WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(1 << 20)
                .allowExtensions(false)
                .allowMaskMismatch(true)
                .build();
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(channelClass)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                    new Upgrade(decoderConfig));
                        }
                    })
                    .bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * The epoll handler factory and server channel class, or null where epoll is unavailable.
     * Looked up by name: the pom has the epoll transport at runtime scope only.
     */
    private static Object[] epoll() {
        try {
            Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll");
            if (!(Boolean) epoll.getMethod("isAvailable").invoke(null)) {
                return null;
            }
            Object factory = Class.forName("io.netty.channel.epoll.EpollIoHandler").getMethod("newFactory").invoke(null);
            return new Object[] {factory, Class.forName("io.netty.channel.epoll.EpollServerSocketChannel")};
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Starts the relay with one event loop per available core; port 0 picks a free port. */
    public static FloorRelay start(String host, int port) throws InterruptedException {
        return start(host, port, Runtime.getRuntime().availableProcessors());
    }

    public static FloorRelay start(String host, int port, int threads) throws InterruptedException {
        return new FloorRelay(host, port, Math.max(1, threads));
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code epoll} or {@code nio}. */
    public String transport() {
        return transport;
    }

    /** Completes when the listening socket closes (after {@link #close()}). */
    public void awaitClosed() throws InterruptedException {
        serverChannel.closeFuture().sync();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /**
     * Index of the first byte of the {@code dst} value, or -1. Scans backwards: the stock PeerJS
     * client serialises {@code {type, payload, dst}}, so {@code dst} is near the end of a frame
     * whose payload may be kilobytes long. A quote inside a JSON string is escaped, so the
     * needle can only match a key.
     */
    static int dstValueStart(ByteBuf buf) {
        int first = buf.readerIndex();
        for (int i = buf.writerIndex() - DST.length; i >= first; i--) {
            if (buf.getByte(i) == '"' && matches(buf, i)) {
                return i + DST.length;
            }
        }
        return -1;
    }

    /**
     * Where {@code "src":"<id>",} goes: after {@code {"type":"X",} when the frame starts so, else
     * after the opening brace; -1 when the frame is not an object.
     */
    static int srcInsertAt(ByteBuf buf) {
        int r = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - r < 2 || buf.getByte(r) != '{') {
            return -1;
        }
        if (end - r > TYPE.length) {
            int k = 0;
            while (k < TYPE.length && buf.getByte(r + k) == TYPE[k]) {
                k++;
            }
            if (k == TYPE.length) {
                int quote = buf.indexOf(r + k, end, (byte) '"');
                if (quote > 0 && quote + 1 < end && buf.getByte(quote + 1) == ',') {
                    return quote + 2;
                }
            }
        }
        return r + 1;
    }

    private static boolean matches(ByteBuf buf, int at) {
        for (int k = 1; k < DST.length; k++) {
            if (buf.getByte(at + k) != DST[k]) {
                return false;
            }
        }
        return true;
    }

    /** Answers the HTTP upgrade, then hands the channel to a {@link Relay}. */
    private final class Upgrade extends ChannelInboundHandlerAdapter {
        private final WebSocketDecoderConfig decoderConfig;

        Upgrade(WebSocketDecoderConfig decoderConfig) {
            this.decoderConfig = decoderConfig;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            FullHttpRequest req = (FullHttpRequest) msg;
            try {
                List<String> ids = new QueryStringDecoder(req.uri()).parameters().get("id");
                WebSocketServerHandshaker handshaker =
                        new WebSocketServerHandshakerFactory("ws://floor/", null, decoderConfig).newHandshaker(req);
                if (handshaker == null) {
                    WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                    return;
                }
                if (ids == null || ids.isEmpty() || ids.get(0).isEmpty()) {
                    ctx.close();
                    return;
                }
                String id = ids.get(0);
                Channel ch = ctx.channel();
                Relay relay = new Relay(id, handshaker);
                ctx.pipeline().replace(this, "relay", relay);
                handshaker.handshake(ch, req).addListener(f -> {
                    if (!f.isSuccess()) {
                        ch.close();
                        return;
                    }
                    Channel previous = peers.put(id, ch);
                    if (previous != null && previous != ch) {
                        previous.close();
                    }
                    ch.closeFuture().addListener(c -> peers.remove(id, ch));
                    ch.writeAndFlush(new TextWebSocketFrame(OPEN.duplicate()));
                });
            } catch (RuntimeException e) { // not a WebSocket upgrade
                ctx.channel().close();
            } finally {
                req.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** One upgraded socket: forwards its text frames, answers pings and closes. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        /** {@code "src":"<id>",}, built once per socket. */
        private final ByteBuf insert;
        private final WebSocketServerHandshaker handshaker;

        Relay(String id, WebSocketServerHandshaker handshaker) {
            this.handshaker = handshaker;
            byte[] bytes = ("\"src\":\"" + id + "\",").getBytes(StandardCharsets.UTF_8);
            this.insert = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            insert.release();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame) {
                forward(ctx, (TextWebSocketFrame) msg);
            } else if (msg instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(((PingWebSocketFrame) msg).content()));
            } else if (msg instanceof CloseWebSocketFrame) {
                handshaker.close(ctx.channel(), (CloseWebSocketFrame) msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        private void forward(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ByteBuf in = frame.content();
            int start = dstValueStart(in);
            int end = start < 0 ? -1 : in.indexOf(start, in.writerIndex(), (byte) '"');
            Channel target = end < 0 ? null
                    : peers.get(in.toString(start, end - start, StandardCharsets.UTF_8));
            int at = target == null ? -1 : srcInsertAt(in);
            if (at < 0) {
                frame.release();
                return;
            }
            int head = at - in.readerIndex();
            CompositeByteBuf out = ctx.alloc().compositeDirectBuffer(3);
            out.addComponent(true, in.retainedSlice(in.readerIndex(), head));
            out.addComponent(true, insert.retainedDuplicate());
            out.addComponent(true, in.skipBytes(head)); // takes over the frame's buffer
            target.writeAndFlush(new TextWebSocketFrame(out), target.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
