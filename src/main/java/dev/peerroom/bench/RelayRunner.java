package dev.peerroom.bench;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs relay phases over a fixed set of open connections: warm-up, measured window, then a
 * drain of at most {@link #GRACE_NANOS} for the last messages. Used by {@code relay} (one phase)
 * and {@code max} (one phase per step).
 */
final class RelayRunner {
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BenchClient client;
    private final List<BenchConnection> connections;
    private final int offerEvery;
    private final long batchNanos;
    private final String serverPid;
    private final Progress progress;

    RelayRunner(BenchClient client, List<BenchConnection> connections, int offerEvery, long batchNanos,
            String serverPid, Progress progress) {
        this.client = client;
        this.connections = List.copyOf(connections);
        this.offerEvery = offerEvery;
        this.batchNanos = batchNanos;
        this.serverPid = serverPid;
        this.progress = progress;
    }

    /** One phase at {@code rate} messages per second in total; {@code label} prefixes the progress line. */
    PhaseResult run(double rate, Duration warmup, Duration duration, String label) throws Exception {
        long errorsBefore = client.errors().total();
        long t0 = System.nanoTime() + LEAD_NANOS;
        long windowStart = t0 + warmup.toNanos();
        long end = windowStart + duration.toNanos();
        client.onEachLoop(s -> {
            s.open(windowStart, end);
            return null;
        });
        List<RateScheduler> schedulers = schedulers(rate, t0, end);
        schedulers.forEach(RateScheduler::start);

        waitUntil(windowStart, label, "warm-up", t0, end);
        ProcStats.Sample self0 = ProcStats.read("self");
        ProcStats.Sample server0 = serverPid == null ? null : ProcStats.read(serverPid);
        waitUntil(end, label, "measuring", t0, end);
        ProcStats.Sample self1 = ProcStats.read("self");
        ProcStats.Sample server1 = serverPid == null ? null : ProcStats.read(serverPid);

        long deadline = end + GRACE_NANOS;
        while (System.nanoTime() < deadline && !drained(schedulers)) {
            progressLine(label, "draining", t0, end);
            Thread.sleep(5);
        }
        schedulers.forEach(RateScheduler::stop);
        List<LoopStats.Snapshot> snapshots = client.onEachLoop(LoopStats::close);

        long sent = 0;
        long delivered = 0;
        long late = 0;
        long skipped = 0;
        Histogram latency = new Histogram(LoopStats.MAX_NANOS, 3);
        Histogram lag = new Histogram(LoopStats.MAX_NANOS, 3);
        for (LoopStats.Snapshot s : snapshots) {
            sent += s.sent();
            delivered += s.delivered();
            late += s.late();
            skipped += s.skipped();
            latency.add(s.latency());
            lag.add(s.lag());
        }
        long selfCpu = self0 == null || self1 == null ? 0 : self1.cpuNanos() - self0.cpuNanos();
        Long serverCpu = server0 == null || server1 == null ? null : server1.cpuNanos() - server0.cpuNanos();
        Long serverRss = server1 == null ? null : server1.rssBytes();
        return new PhaseResult(rate, duration.toNanos() / 1e9, sent, delivered, late, skipped,
                client.errors().total() - errorsBefore, latency, lag, serverCpu, serverRss, selfCpu,
                Runtime.getRuntime().availableProcessors());
    }

    /** One scheduler per event loop, over that loop's connections in index order. */
    private List<RateScheduler> schedulers(double rate, long t0, long end) {
        Map<EventLoop, List<BenchConnection>> byLoop = new IdentityHashMap<>();
        for (BenchConnection c : connections) {
            byLoop.computeIfAbsent(c.channel().eventLoop(), l -> new ArrayList<>()).add(c);
        }
        List<RateScheduler> out = new ArrayList<>();
        for (Map.Entry<EventLoop, List<BenchConnection>> e : byLoop.entrySet()) {
            List<BenchConnection> list = e.getValue();
            list.sort(Comparator.comparingInt(c -> c.spec.index()));
            out.add(new RateScheduler(e.getKey(), list, connections.size(), offerEvery, rate, t0, end,
                    batchNanos));
        }
        return out;
    }

    private boolean drained(List<RateScheduler> schedulers) {
        for (RateScheduler s : schedulers) {
            if (!s.finished()) {
                return false;
            }
        }
        long sent = 0;
        long delivered = 0;
        for (LoopStats s : client.allStats()) {
            sent += s.sent;
            delivered += s.delivered;
        }
        return delivered >= sent;
    }

    private void waitUntil(long when, String label, String stage, long t0, long end) throws InterruptedException {
        for (long now = System.nanoTime(); now < when; now = System.nanoTime()) {
            progressLine(label, stage, t0, end);
            long left = when - now;
            Thread.sleep(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
        }
    }

    private void progressLine(String label, String stage, long t0, long end) {
        long sent = 0;
        long delivered = 0;
        for (LoopStats s : client.allStats()) {
            sent += s.sent;
            delivered += s.delivered;
        }
        double at = (System.nanoTime() - t0) / 1e9;
        progress.show(String.format(Locale.ROOT, "%s %-9s %5.1f/%.1f s  sent %,d  delivered %,d  errors %,d",
                label, stage, Math.max(0, at), (end - t0) / 1e9, sent, delivered, client.errors().total()), 500);
    }
}
