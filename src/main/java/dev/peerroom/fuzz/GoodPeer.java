package dev.peerroom.fuzz;

import dev.peerroom.fuzz.ProbeSocket.Frame;
import dev.peerroom.fuzz.ProbeSocket.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-behaved peer that stays joined for the whole run and exchanges numbered OFFERs and
 * CANDIDATEs with its partner; its {@link GoodInbox} checks what arrives. An ERROR, a wrong
 * message, a close or a lost connection is a failure.
 */
final class GoodPeer {
    final String id;
    final String partner;
    private final ProbeSocket socket;
    private final SplittableRandom masks;
    private final AtomicLong sent = new AtomicLong();
    private final GoodInbox inbox;
    private volatile String failure;
    private volatile boolean stopping;
    private Thread reader;

    private GoodPeer(String id, String partner, ProbeSocket socket, long seed) {
        this.id = id;
        this.partner = partner;
        this.socket = socket;
        this.masks = new SplittableRandom(seed);
        this.inbox = new GoodInbox(id, partner);
    }

    /** Joins {@code target}'s room as {@code id}; fails unless the server answers 101 and OPEN. */
    static GoodPeer join(FuzzTarget target, String id, String token, String partner, long seed) throws IOException {
        ProbeSocket socket = ProbeSocket.connect(target, 5_000);
        SplittableRandom r = new SplittableRandom(seed);
        socket.write(target.upgradeRequest(r, target.socketPath(target.room(), id, token)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status = socket.readHttpStatus(deadline);
        Frame open = status == 101 ? socket.readFrame(deadline) : null;
        if (open == null || !open.text().equals("{\"type\":\"OPEN\"}")) {
            socket.close();
            throw new IOException("good peer " + id + " could not join: "
                    + (status != 101 ? "http " + status : open == null ? socket.lastOutcome() : open.text()));
        }
        GoodPeer peer = new GoodPeer(id, partner, socket, r.nextLong());
        peer.reader = new Thread(peer::read, "fuzz-good-" + id);
        peer.reader.setDaemon(true);
        peer.reader.start();
        return peer;
    }

    /** Sends the next numbered message to the partner (one thread calls this). */
    void sendNext() {
        if (failure != null || stopping) {
            return;
        }
        long seq = sent.get();
        byte[] frame = GoodMessages.clientFrame(seq, partner).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] masked;
            synchronized (masks) {
                masked = WsFrames.frame(masks, WsFrames.TEXT, true, frame);
            }
            socket.write(masked);
            sent.incrementAndGet();
        } catch (IOException e) {
            fail("send failed: " + e.getMessage());
        }
    }

    private void read() {
        while (true) {
            Frame f = socket.readFrame(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
            if (f == null) {
                if (socket.lastOutcome() == Outcome.TIMEOUT) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                if (!stopping) {
                    fail("connection lost (" + socket.lastOutcome() + ")");
                }
                return;
            }
            switch (f.opcode()) {
                case WsFrames.PING -> pong(f.payload());
                case WsFrames.CLOSE -> {
                    if (!stopping) {
                        fail("closed by the server with " + f.closeCode());
                    }
                    return;
                }
                case WsFrames.TEXT -> onText(f.text());
                default -> { }
            }
        }
    }

    private void onText(String text) {
        String wrong = inbox.accept(text);
        if (wrong != null) {
            fail(wrong);
        }
    }

    private void pong(byte[] payload) {
        try {
            byte[] frame;
            synchronized (masks) {
                frame = WsFrames.frame(masks, WsFrames.PONG, true, payload);
            }
            socket.write(frame);
        } catch (IOException e) {
            fail("pong failed: " + e.getMessage());
        }
    }

    private void fail(String why) {
        if (failure == null) {
            failure = id + ": " + why;
        }
    }

    long sent() {
        return sent.get();
    }

    long received() {
        return inbox.received();
    }

    long foreign() {
        return inbox.foreign();
    }

    /** The first thing that went wrong, or null. */
    String failure() {
        return failure;
    }

    /** Leaves with a close frame (1000) and stops reading. */
    void close() throws InterruptedException {
        stopping = true;
        try {
            byte[] frame;
            synchronized (masks) {
                frame = WsFrames.frame(masks, WsFrames.CLOSE, true, WsFrames.closePayload(1000, new byte[0]));
            }
            socket.write(frame);
        } catch (IOException ignored) {
            // the failure, if any, is already recorded
        }
        reader.join(2_000);
        socket.close();
    }
}
