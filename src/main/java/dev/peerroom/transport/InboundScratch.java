package dev.peerroom.transport;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * One reused byte array per event-loop thread that inbound text frames are copied into for
 * decoding, so a frame costs no allocation. It grows to the largest frame seen on the thread
 * (bounded by the message size limit). Messages decoded from it are valid only during the call
 * that receives them; see {@link dev.peerroom.protocol.InboundMessage#detach()}.
 */
final class InboundScratch {
    private static final int INITIAL = 4096;
    private static final FastThreadLocal<byte[]> BUFFER = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[INITIAL];
        }
    };

    private InboundScratch() {
    }

    /** This thread's scratch array, at least {@code length} long. */
    static byte[] get(int length) {
        byte[] b = BUFFER.get();
        if (b.length < length) {
            b = new byte[Math.max(length, b.length * 2)];
            BUFFER.set(b);
        }
        return b;
    }
}
