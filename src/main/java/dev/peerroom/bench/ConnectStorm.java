package dev.peerroom.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Opens a list of peers with at most {@code concurrency} handshakes in flight: each OPEN or
 * failure starts the next one. Records the OPEN latency (upgrade request sent to OPEN frame).
 */
final class ConnectStorm {
    private final BenchClient client;
    private final List<Topology.PeerSpec> peers;
    private final int concurrency;
    private final BenchConnection[] connections;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Histogram openLatency = new Histogram(LoopStats.MAX_NANOS, 3);
    private final CompletableFuture<ConnectStorm> finished = new CompletableFuture<>();
    private volatile long startNanos;
    private volatile long endNanos;

    ConnectStorm(BenchClient client, List<Topology.PeerSpec> peers, int concurrency) {
        this.client = client;
        this.peers = List.copyOf(peers);
        this.concurrency = Math.max(1, concurrency);
        this.connections = new BenchConnection[peers.size()];
    }

    /** Starts the storm; the future completes when every peer has opened or failed. */
    CompletableFuture<ConnectStorm> start() {
        startNanos = System.nanoTime();
        if (peers.isEmpty()) {
            endNanos = startNanos;
            finished.complete(this);
        }
        for (int i = 0; i < Math.min(concurrency, peers.size()); i++) {
            launchNext();
        }
        return finished;
    }

    private void launchNext() {
        int i = next.getAndIncrement();
        if (i < peers.size()) {
            BenchConnection c = new BenchConnection(peers.get(i), client, this);
            connections[i] = c;
            client.connect(c);
        }
    }

    void onOpen(BenchConnection c, long latencyNanos) {
        synchronized (openLatency) {
            openLatency.recordValue(Math.max(0, Math.min(latencyNanos, LoopStats.MAX_NANOS)));
        }
        opened.incrementAndGet();
        finishOne();
    }

    void onFailed(BenchConnection c, String kind, String detail) {
        failed.incrementAndGet();
        client.errors().record("open failed: " + kind, detail);
        finishOne();
    }

    private void finishOne() {
        if (done.incrementAndGet() == peers.size()) {
            endNanos = System.nanoTime();
            finished.complete(this);
        } else {
            launchNext();
        }
    }

    /**
     * Waits for the storm with a progress line; gives up after {@code timeoutMillis} (each
     * connection is bounded by the connect and handshake timeouts anyway).
     */
    boolean await(Progress progress, String label, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!finished.isDone() && System.nanoTime() < deadline) {
            progress.show(String.format(java.util.Locale.ROOT, "%s opening %,d/%,d  open %,d  failed %,d  %.1f s",
                    label, done.get(), peers.size(), opened.get(), failed.get(), seconds()), 500);
            Thread.sleep(20);
        }
        return finished.isDone();
    }

    int attempted() {
        return done.get();
    }

    int opened() {
        return opened.get();
    }

    int failed() {
        return failed.get();
    }

    /** Seconds from the first connect to the last OPEN or failure (so far, while running). */
    double seconds() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        return (end - startNanos) / 1e9;
    }

    Histogram openLatency() {
        synchronized (openLatency) {
            return openLatency.copy();
        }
    }

    /** The connections that reached OPEN and are still open, in peer order. */
    List<BenchConnection> openConnections() {
        List<BenchConnection> out = new ArrayList<>();
        for (BenchConnection c : connections) {
            if (c != null && c.isOpen()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Closes every connection of this storm on purpose and waits (at most 5 s) until they are closed. */
    void closeAll() throws InterruptedException {
        for (BenchConnection c : connections) {
            if (c != null) {
                c.closeQuietly();
            }
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (BenchConnection c : connections) {
            while (c != null && c.channel() != null && c.channel().isActive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
    }

    int stillOpen() {
        return openConnections().size();
    }
}
