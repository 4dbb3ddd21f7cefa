package dev.peerroom.cluster;

import dev.peerroom.room.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The node publishes a probe to its own inbox every period and expects it back. A subscription
 * can die silently (the connection looks fine, nothing arrives): only a round trip shows it.
 */
final class SelfProbe {
    private final Consumer<String> publish;
    private final Clock clock;
    private final long timeoutMs;
    private volatile String pending;
    private volatile long sentAt;
    private volatile boolean answering = true;

    /** {@code publish} sends a probe with the given nonce to this node's own inbox. */
    SelfProbe(Consumer<String> publish, Clock clock, long timeoutMs) {
        this.publish = publish;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Checks the last probe and sends the next one. Returns true when the last probe is overdue:
     * the subscription should be renewed, and the next call probes the renewed one (a probe sent
     * now could overtake the new SUBSCRIBE and be lost).
     */
    boolean check() {
        long now = clock.millis();
        if (pending != null && now - sentAt >= timeoutMs) {
            answering = false;
            pending = null;
            return true;
        }
        if (pending == null) {
            String nonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
            pending = nonce;
            sentAt = now;
            publish.accept(nonce);
        }
        return false;
    }

    void answered(String nonce) {
        if (nonce != null && nonce.equals(pending)) {
            pending = null;
            answering = true;
        }
    }

    boolean answering() {
        return answering;
    }
}
