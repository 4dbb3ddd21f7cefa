package dev.peerroom.jmh;

import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.OutboundFrames;
import dev.peerroom.room.PeerConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A socket that swallows every frame into JMH's blackhole, so routing is measured alone. A routed
 * signal is still encoded, as the real socket does, but into one reused buffer: the pooled
 * allocation and the channel write belong to {@link TransportBenchmark}.
 */
final class NoopConnection implements PeerConnection {
    private final String name;
    private final Blackhole sink;
    /** Routed frames handed to this socket, so a benchmark can check it measures delivery. */
    int delivered;
    private final ByteBuf scratch = Unpooled.directBuffer(16 * 1024);

    NoopConnection(String name, Blackhole sink) {
        this.name = name;
        this.sink = sink;
    }

    @Override
    public void send(byte[] frame) {
        sink.consume(frame);
    }

    @Override
    public void deliver(byte[] frame, Runnable onFailure) {
        delivered++;
        sink.consume(frame);
    }

    @Override
    public void deliverSignal(InboundMessage message, String src, FailedDelivery onFailure) {
        delivered++;
        scratch.clear();
        sink.consume(OutboundFrames.writeSignal(scratch, message.type(), src, message.dst(), message.buffer(),
                message.payloadStart(), message.payloadEnd()));
    }

    @Override
    public void ping() {
    }

    @Override
    public void close(int code, String reason) {
        throw new IllegalStateException(name + " closed with " + code + ": " + reason);
    }

    @Override
    public String describe() {
        return name;
    }
}
