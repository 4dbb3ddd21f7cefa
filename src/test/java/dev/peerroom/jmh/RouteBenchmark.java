package dev.peerroom.jmh;

import dev.peerroom.metrics.MicrometerRoomMetrics;
import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.MessageDecoder;
import dev.peerroom.room.Clock;
import dev.peerroom.room.LocalMembership;
import dev.peerroom.room.RoomExecutors;
import dev.peerroom.room.RoomMetrics;
import dev.peerroom.room.RoomRegistry;
import dev.peerroom.room.RoomRules;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One decoded message through the room: RoomRegistry.message → GameRoom.onMessage (rate limit,
 * sender checks) → SignalRouter.route → OutboundFrames.signal → a no-op socket. Four peers in the
 * room, a direct executor and a fixed clock; the rate limit is lifted so the fixed clock's one
 * window never runs out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RouteBenchmark {
    static final String ROOM = "123456789012345678";
    static final long NOW = 1_700_000_000_000L;

    @Param({"OFFER", "CANDIDATE"})
    public String frame;

    /** {@code none}: RoomMetrics.NONE; {@code micrometer}: the server's meters (counter + latency histogram). */
    @Param({"micrometer", "none"})
    public String metrics;

    /**
     * Peers in the room. 4 is a game room; {@code -p peers=5000} is peerjs-server's namespace
     * (--peerjs-compat) at its default limit, with the sender joined last, so finding the sender's
     * peer from its socket must not cost a walk over the room.
     */
    @Param({"4"})
    public int peers;

    private RoomRegistry registry;
    private NoopConnection sender;
    private InboundMessage message;

    @Setup
    public void setUp(Blackhole sink) {
        RoomRules d = RoomRules.defaults();
        RoomRules rules = new RoomRules(Math.max(d.maxPeers(), peers), d.heartbeatTimeoutMs(), d.pingIntervalMs(), 1_000_000_000,
                d.rateWindowMs(), d.rateStrikes(), d.holdTimeoutMs(), d.holdMaxMessages(), d.holdMaxBytes(),
                d.idleRoomTtlMs());
        RoomMetrics roomMetrics = metrics.equals("micrometer")
                ? new MicrometerRoomMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                : RoomMetrics.NONE;
        Clock clock = () -> NOW;
        registry = new RoomRegistry(rules, clock, new LocalMembership(), roomMetrics, RoomExecutors.direct());
        for (int i = 4; i < peers; i++) {
            registry.join(ROOM, "filler-" + i, "tok-" + i, new NoopConnection("filler-" + i, sink));
        }
        sender = new NoopConnection(PeerJsFrames.SENDER, sink);
        registry.join(ROOM, PeerJsFrames.SENDER, "tok-a", sender);
        NoopConnection dst = new NoopConnection(PeerJsFrames.DST, sink);
        registry.join(ROOM, PeerJsFrames.DST, "tok-b", dst);
        registry.join(ROOM, "peer-c", "tok-c", new NoopConnection("peer-c", sink));
        registry.join(ROOM, "peer-d", "tok-d", new NoopConnection("peer-d", sink));
        message = new MessageDecoder().decode(PeerJsFrames.bytes(frame));
        if (!message.isValid()) {
            throw new IllegalStateException(message.invalidReason());
        }
        route();
        if (dst.delivered != 1) {
            throw new IllegalStateException("the message was not delivered to " + PeerJsFrames.DST);
        }
    }

    @Benchmark
    public void route() {
        registry.message(ROOM, sender, message, System.nanoTime());
    }
}
