package dev.peerroom.jmh;

import dev.peerroom.protocol.Identifiers;
import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.MessageDecoder;
import dev.peerroom.protocol.MessageType;
import dev.peerroom.protocol.Utf8;
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

/**
 * The checks a routed message passes apart from JSON parsing: the decoder's strict UTF-8 pass over
 * the whole frame, its type and dst checks, and the room's src/dst-against-sender check.
 * (The payload-shape check happens inside the parse and is measured by {@link DecodeBenchmark}.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ValidateBenchmark {
    @Param({"OFFER", "CANDIDATE"})
    public String frame;

    private byte[] bytes;
    private String typeText;
    private InboundMessage message;
    private String sender;

    @Setup
    public void setUp() {
        bytes = PeerJsFrames.bytes(frame);
        message = new MessageDecoder().decode(bytes);
        typeText = new String(frame); // not an interned constant, as the parser's string is not
        sender = new String(PeerJsFrames.SENDER);
        if (!all()) {
            throw new IllegalStateException(frame + " does not validate");
        }
    }

    /** Everything: what each routed message pays for validation besides the parse. */
    @Benchmark
    public boolean all() {
        return Utf8.isStrict(bytes, 0, bytes.length)
                && MessageType.fromWire(typeText) != null
                && Identifiers.isValidPeerId(message.dst())
                && message.fitsSender(sender);
    }

    /** The strict UTF-8 pass alone: it reads every byte of the frame. */
    @Benchmark
    public boolean utf8() {
        return Utf8.isStrict(bytes, 0, bytes.length);
    }

    /** Type lookup, dst syntax and the room's sender check alone. */
    @Benchmark
    public boolean fields() {
        return MessageType.fromWire(typeText) != null
                && Identifiers.isValidPeerId(message.dst())
                && message.fitsSender(sender);
    }
}
