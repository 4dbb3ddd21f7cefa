package dev.peerroom.jmh;

import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.MessageDecoder;
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

/** The decoder on the frames of the stock client: strict UTF-8 check, one Jackson pass, field checks. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DecodeBenchmark {
    @Param({"OFFER", "CANDIDATE"})
    public String frame;

    private final MessageDecoder decoder = new MessageDecoder();
    private byte[] bytes;

    @Setup
    public void setUp() {
        bytes = PeerJsFrames.bytes(frame);
        InboundMessage m = decoder.decode(bytes);
        if (!m.isValid()) {
            throw new IllegalStateException(frame + " does not decode: " + m.invalidReason());
        }
    }

    @Benchmark
    public InboundMessage decode() {
        return decoder.decode(bytes);
    }
}
