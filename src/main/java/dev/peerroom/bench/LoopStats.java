package dev.peerroom.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one event loop saw in the current measurement window. Written only by its loop thread,
 * so recording takes no lock; the counters are volatile only so that the progress line and the
 * drain check can read them from another thread. A message counts in the window when its
 * stamp (its scheduled send time, see {@link RateScheduler}) is inside it, both for the sender and for the receiver.
 */
final class LoopStats {
    static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(120);
    static final long LATE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private long windowStart = Long.MAX_VALUE;
    private long windowEnd = Long.MIN_VALUE;
    private Histogram latency = new Histogram(MAX_NANOS, 3);
    private Histogram lag = new Histogram(MAX_NANOS, 3);
    volatile long sent;
    volatile long delivered;
    volatile long late;
    volatile long skipped;

    /** Starts a window [start, end) of scheduled times; loop thread only. */
    void open(long start, long end) {
        windowStart = start;
        windowEnd = end;
        latency = new Histogram(MAX_NANOS, 3);
        lag = new Histogram(MAX_NANOS, 3);
        sent = 0;
        delivered = 0;
        late = 0;
        skipped = 0;
    }

    /**
     * A message stamped {@code stamp} (its due time, or its real send time when sent early) leaves
     * at {@code now}; {@code written} false = the socket could not take it.
     */
    void onSend(long stamp, long now, boolean written) {
        if (stamp < windowStart || stamp >= windowEnd) {
            return;
        }
        sent++;
        if (!written) {
            skipped++;
        }
        lag.recordValue(clamp(now - stamp));
    }

    /** A relayed message scheduled at {@code due} arrived at {@code now}. */
    void onReceive(long due, long now) {
        if (due < windowStart || due >= windowEnd) {
            return;
        }
        delivered++;
        long latencyNanos = now - due;
        if (latencyNanos > LATE_NANOS) {
            late++;
        }
        latency.recordValue(clamp(latencyNanos));
    }

    private static long clamp(long v) {
        return v < 0 ? 0 : Math.min(v, MAX_NANOS);
    }

    /** Ends the window and hands over its figures; loop thread only. */
    Snapshot close() {
        windowStart = Long.MAX_VALUE;
        windowEnd = Long.MIN_VALUE;
        return new Snapshot(sent, delivered, late, skipped, latency, lag);
    }

    /** One loop's figures of one window. The histograms are no longer written to. */
    record Snapshot(long sent, long delivered, long late, long skipped, Histogram latency, Histogram lag) {
    }
}
