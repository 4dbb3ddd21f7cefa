package dev.peerroom.transport;

import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.OutboundFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Routed signals as complete WebSocket frames, built in one pooled buffer: the RFC 6455 header,
 * then the JSON. Netty's frame encoder would add a header buffer per frame, and copy frames under
 * 1 KiB once more; a plain {@link ByteBuf} passes through it untouched. Server frames are never
 * masked, and this server negotiates no extensions (no RSV bits), so the header is just FIN +
 * opcode and the payload length.
 */
final class ServerTextFrames {
    private static final int FIN_TEXT = 0x81;

    private ServerTextFrames() {
    }

    /** {@code {"type","src","dst","payload"}} as one unmasked, unfragmented text frame. */
    static ByteBuf signal(ByteBufAllocator alloc, InboundMessage message, String src) {
        String dst = message.dst();
        int length = OutboundFrames.signalLength(message.type(), src, dst, message.payloadEnd() - message.payloadStart());
        int size = headerLength(length) + length;
        ByteBuf frame = alloc.directBuffer(size, size);
        writeHeader(frame, length);
        return OutboundFrames.writeSignal(frame, message.type(), src, dst, message.buffer(),
                message.payloadStart(), message.payloadEnd());
    }

    private static int headerLength(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    private static void writeHeader(ByteBuf out, int payloadLength) {
        out.writeByte(FIN_TEXT);
        if (payloadLength < 126) {
            out.writeByte(payloadLength);
        } else if (payloadLength <= 0xFFFF) {
            out.writeByte(126);
            out.writeShort(payloadLength);
        } else {
            out.writeByte(127);
            out.writeLong(payloadLength);
        }
    }
}
