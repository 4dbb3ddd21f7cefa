package dev.peerroom.metrics;

import dev.peerroom.room.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The status page's history: one sample of the node (rooms, peers, routed messages per second)
 * per call of {@link #sample()}, which the node runs once a second, kept in a fixed ring of the
 * last {@link #CAPACITY} samples (five minutes). The rate is the growth of the routed-message
 * counter between two samples over the time between them by the injected clock, so a late
 * tick gives a right rate, and tests drive it with a fake clock.
 *
 * <p>One thread samples; HTTP threads read. The ring is small and read about once a second per
 * open page, so a lock is simpler than anything cleverer and costs nothing that matters.
 */
public final class NodeSampler {
    /** Five minutes at one sample a second. */
    public static final int CAPACITY = 300;

    /** One point of the history: epoch millis, rooms and peers at that moment, and the rate since the previous point. */
    public record Sample(long at, long rooms, long peers, double messagesPerSecond) {
    }

    private final Clock clock;
    private final LongSupplier rooms;
    private final LongSupplier peers;
    private final LongSupplier routedTotal;
    private final long[] at = new long[CAPACITY];
    private final long[] roomCounts = new long[CAPACITY];
    private final long[] peerCounts = new long[CAPACITY];
    private final double[] rates = new double[CAPACITY];
    private int next;
    private int size;
    private long lastRouted;
    private long lastAt = Long.MIN_VALUE;

    /**
     * @param rooms       rooms in memory on this node
     * @param peers       peers in a room on this node
     * @param routedTotal messages routed since start; only its growth matters
     */
    public NodeSampler(Clock clock, LongSupplier rooms, LongSupplier peers, LongSupplier routedTotal) {
        this.clock = clock;
        this.rooms = rooms;
        this.peers = peers;
        this.routedTotal = routedTotal;
    }

    /** Records one sample; the oldest falls out once the ring is full. */
    public synchronized void sample() {
        long now = clock.millis();
        long routed = routedTotal.getAsLong();
        // The first sample has nothing to compare with: it sets the baseline and says 0.
        double rate = lastAt == Long.MIN_VALUE || now <= lastAt ? 0 : (routed - lastRouted) * 1000.0 / (now - lastAt);
        lastRouted = routed;
        lastAt = now;
        at[next] = now;
        roomCounts[next] = rooms.getAsLong();
        peerCounts[next] = peers.getAsLong();
        rates[next] = Math.max(0, rate);
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    /** The samples held, oldest first. */
    public synchronized List<Sample> history() {
        List<Sample> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int k = Math.floorMod(next - size + i, CAPACITY);
            out.add(new Sample(at[k], roomCounts[k], peerCounts[k], rates[k]));
        }
        return out;
    }

    /** Rooms and peers now, with the rate of the latest sample (0 before the second one). */
    public Sample current() {
        double rate;
        synchronized (this) {
            rate = size == 0 ? 0 : rates[Math.floorMod(next - 1, CAPACITY)];
        }
        return new Sample(clock.millis(), rooms.getAsLong(), peers.getAsLong(), rate);
    }
}
