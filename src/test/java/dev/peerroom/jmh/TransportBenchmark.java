package dev.peerroom.jmh;

import dev.peerroom.config.ServerConfig;
import dev.peerroom.metrics.MicrometerRoomMetrics;
import dev.peerroom.room.LocalMembership;
import dev.peerroom.room.RoomExecutors;
import dev.peerroom.room.RoomRegistry;
import dev.peerroom.room.RoomRules;
import dev.peerroom.transport.HttpEdge;
import dev.peerroom.transport.ServerChannelInitializer;
import dev.peerroom.transport.ServerContext;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole server pipeline without a network: a masked client frame enters peer-a's channel
 * (WebSocket decoder, aggregator, PeerSocketHandler, decode, room, route) and the encoded frame
 * leaves peer-b's channel. Two EmbeddedChannels, a direct room executor, the server's meters.
 * Kernel work (read/write system calls) is not included; buffers come from the default allocator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class TransportBenchmark {
    static final String ROOM = "123456789012345678";

    @Param({"OFFER", "CANDIDATE"})
    public String frame;

    private EmbeddedChannel a;
    private EmbeddedChannel b;
    private ByteBuf clientFrame;
    private int expectedBytes;

    @Setup
    public void setUp() {
        ServerConfig d = ServerConfig.defaults();
        ServerConfig config = new ServerConfig(d.host(), d.port(), d.basePath(), d.key(), d.maxPeers(),
                d.heartbeatTimeout(), d.pingInterval(), 1_000_000_000, d.rateWindow(), d.rateStrikes(),
                d.maxMessageBytes(), d.holdTimeout(), d.holdMaxMessages(), d.holdMaxBytes(), d.idleRoomTtl(),
                d.allowedOrigins(), d.discovery());
        RoomRegistry registry = new RoomRegistry(RoomRules.from(config), () -> 1_700_000_000_000L,
                new LocalMembership(), new MicrometerRoomMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                RoomExecutors.direct());
        ServerContext context = ServerContext.of(config, registry, () -> "", () -> true,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
        a = join(context, PeerJsFrames.SENDER);
        b = join(context, PeerJsFrames.DST);
        byte[] masked = masked(PeerJsFrames.bytes(frame));
        // Socket reads land in direct buffers from the channel's allocator.
        clientFrame = ByteBufAllocator.DEFAULT.directBuffer(masked.length).writeBytes(masked);
        int payload = PeerJsFrames.bytes(frame).length; // the routed frame is about as long as the client's
        expectedBytes = payload;
        int got = relay();
        if (got < payload) {
            throw new IllegalStateException("peer-b received " + got + " bytes for a " + payload + "-byte frame");
        }
    }

    @TearDown
    public void tearDown() {
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
        clientFrame.release();
    }

    /** One client frame in at peer-a, the routed frame out at peer-b; returns the bytes written to b. */
    @Benchmark
    public int relay() {
        a.writeInbound(clientFrame.retainedDuplicate());
        int written = 0;
        for (ByteBuf out = b.readOutbound(); out != null; out = b.readOutbound()) {
            written += out.readableBytes();
            out.release();
        }
        return written;
    }

    private static EmbeddedChannel join(ServerContext context, String id) {
        EmbeddedChannel ch = new EmbeddedChannel(new ServerChannelInitializer(context,
                new HttpEdge(context.config().security(), dev.peerroom.room.Clock.SYSTEM)));
        String request = "GET /rooms/" + ROOM + "/peerjs?key=peerjs&id=" + id + "&token=t-" + id + "&version=1.5.5 HTTP/1.1\r\n"
                + "Host: localhost:9000\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        StringBuilder answer = new StringBuilder();
        for (ByteBuf out = ch.readOutbound(); out != null; out = ch.readOutbound()) {
            answer.append(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        if (!answer.toString().startsWith("HTTP/1.1 101") || !answer.toString().endsWith("{\"type\":\"OPEN\"}")) {
            throw new IllegalStateException("join of " + id + " answered: " + answer);
        }
        return ch;
    }

    /** RFC 6455 client frame: FIN + text opcode, masked payload. */
    static byte[] masked(byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n < 65536 ? 4 : 10;
        byte[] out = new byte[header + 4 + n];
        out[0] = (byte) 0x81;
        if (n < 126) {
            out[1] = (byte) (0x80 | n);
        } else if (n < 65536) {
            out[1] = (byte) (0x80 | 126);
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
        } else {
            out[1] = (byte) (0x80 | 127);
            for (int k = 0; k < 8; k++) {
                out[2 + k] = (byte) ((long) n >>> (56 - 8 * k));
            }
        }
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
        System.arraycopy(key, 0, out, header, 4);
        for (int i = 0; i < n; i++) {
            out[header + 4 + i] = (byte) (payload[i] ^ key[i & 3]);
        }
        return out;
    }
}
