package dev.peerroom.jmh;

import dev.peerroom.metrics.MicrometerRoomMetrics;
import dev.peerroom.protocol.MessageType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the routing path pays for its meters per routed message: the routed counter and the
 * latency timer, whose Prometheus histogram (~70 buckets) and 2-minute max make it the costly part.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class MetricsBenchmark {
    private final MicrometerRoomMetrics metrics = new MicrometerRoomMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private long latency = 40_000;

    /** The counter and the timer, as SignalRouter calls them for each delivered message. */
    @Benchmark
    public void routed() {
        latency = (latency * 31 + 7) & 0xFFFFF; // vary the bucket: 0-1 ms
        metrics.routed(MessageType.CANDIDATE, latency);
    }

    /** A counter alone, for comparison: what a message costs the meters without the timer. */
    @Benchmark
    public void heldCounter() {
        metrics.held();
    }
}
