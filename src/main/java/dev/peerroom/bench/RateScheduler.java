package dev.peerroom.bench;

import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends one event loop's share of a fixed total rate, on that loop's thread. Message k of the
 * whole run (k = connection index + round * connections) is due at {@code t0 + k / rate}, so
 * sends are evenly spaced overall and every connection sends at rate / connections. Each send
 * carries its due time, not the time it actually left, so a generator or server that falls
 * behind shows up as latency (no coordinated omission).
 *
 * <p>To spare the generator a sleep and wake-up per message, messages due within
 * {@code batchNanos} of now go out together, a little early. An early message carries the time
 * it really left instead of its due time, so latency stays exact either way.
 *
 * <p>Round r of connection i goes to mate {@code r mod mates}; it is an OFFER when
 * {@code (r + i) mod offerEvery == 0}, so OFFERs are spread over time, else a CANDIDATE.
 */
final class RateScheduler implements Runnable {
    /** Sends at most this many in one go before letting the loop read. */
    private static final int MAX_BURST = 256;

    private final EventLoop loop;
    private final BenchConnection[] connections;
    private final long total;
    private final int offerEvery;
    private final long t0;
    private final long end;
    private final double nanosPerMessage;
    private final long batchNanos;
    private final byte[] scratch = new byte[MessageFactory.STAMP_DIGITS];
    private int pos;
    private long round;
    private volatile boolean stopped;
    private volatile boolean finished;

    /**
     * @param connections this loop's connections, sorted by index
     * @param total       the number of connections of the whole run
     */
    RateScheduler(EventLoop loop, List<BenchConnection> connections, long total, int offerEvery, double rate,
            long t0, long end, long batchNanos) {
        this.loop = loop;
        this.connections = connections.toArray(new BenchConnection[0]);
        this.total = total;
        this.offerEvery = Math.max(1, offerEvery);
        this.nanosPerMessage = 1e9 / rate;
        this.t0 = t0;
        this.end = end;
        this.batchNanos = Math.max(0, batchNanos);
    }

    void start() {
        if (connections.length == 0) {
            finished = true;
        } else {
            loop.execute(this);
        }
    }

    /** Stops sending at the next tick (used when the drain deadline passes). */
    void stop() {
        stopped = true;
    }

    boolean finished() {
        return finished;
    }

    @Override
    public void run() {
        if (stopped) {
            finished = true;
            return;
        }
        long now = System.nanoTime();
        long horizon = now + batchNanos;
        for (int burst = 0; ; burst++) {
            BenchConnection c = connections[pos];
            int index = c.spec.index();
            long due = t0 + (long) ((index + round * (double) total) * nanosPerMessage);
            if (due >= end) {
                finished = true;
                return;
            }
            if (due > horizon) {
                now = System.nanoTime();
                horizon = now + batchNanos;
                if (due > horizon) {
                    loop.schedule(this, due - now, TimeUnit.NANOSECONDS);
                    return;
                }
            }
            if (burst == MAX_BURST) {
                loop.execute(this);
                return;
            }
            int mates = c.dstTails.length;
            if (mates > 0) {
                // Late: the due time, so that lag counts as latency. Early (batched): when it really left.
                long stamp = Math.min(due, now);
                boolean offer = (round + index) % offerEvery == 0;
                boolean written = c.send(offer, (int) (round % mates), stamp, scratch);
                c.stats().onSend(stamp, now, written);
            }
            if (++pos == connections.length) {
                pos = 0;
                round++;
            }
            if ((burst & 15) == 15) {
                now = System.nanoTime();
                horizon = now + batchNanos;
            }
        }
    }
}
