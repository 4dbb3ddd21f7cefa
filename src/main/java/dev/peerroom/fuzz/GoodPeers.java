package dev.peerroom.fuzz;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Two good peers in the good room sending to each other at a steady rate, far below the rate
 * limit, for the whole run; then a drain, so that every message sent has had time to arrive.
 */
final class GoodPeers implements AutoCloseable {
    /** Totals at the end of a run. */
    record Stats(long sent, long received, long foreign, List<String> failures) {
        long lost() {
            return sent - received;
        }
    }

    private final List<GoodPeer> peers;
    private final ScheduledExecutorService sender;

    private GoodPeers(List<GoodPeer> peers, double ratePerPeer) {
        this.peers = peers;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fuzz-good-sender");
            t.setDaemon(true);
            return t;
        });
        // Fixed delay, not fixed rate: after a stall (a busy machine, a GC) a fixed rate would catch
        // up in a burst, and a burst could pass the server's rate limit.
        long periodMicros = (long) (1_000_000 / ratePerPeer);
        sender.scheduleWithFixedDelay(() -> peers.forEach(GoodPeer::sendNext), periodMicros, periodMicros,
                TimeUnit.MICROSECONDS);
    }

    /** Joins both peers (ids derived from {@code seed}, secret tokens) and starts sending. */
    static GoodPeers start(FuzzTarget target, long seed, double ratePerPeer) throws IOException, InterruptedException {
        SplittableRandom r = new SplittableRandom(seed);
        String a = "good-a-" + Long.toHexString(r.nextLong() >>> 16);
        String b = "good-b-" + Long.toHexString(r.nextLong() >>> 16);
        List<GoodPeer> peers = new ArrayList<>();
        try {
            // Tokens no fuzz input can know: a fuzz join with a good id must be refused, never a takeover.
            peers.add(GoodPeer.join(target, a, "gt-" + java.util.UUID.randomUUID(), b, r.nextLong()));
            peers.add(GoodPeer.join(target, b, "gt-" + java.util.UUID.randomUUID(), a, r.nextLong()));
        } catch (IOException e) {
            for (GoodPeer p : peers) {
                p.close();
            }
            throw e;
        }
        return new GoodPeers(peers, ratePerPeer);
    }

    List<String> ids() {
        return peers.stream().map(p -> p.id).toList();
    }

    /** True while no good peer has failed. */
    boolean healthy() {
        return peers.stream().allMatch(p -> p.failure() == null);
    }

    /**
     * Stops sending, then waits up to {@code maxMillis} until each peer has received everything
     * its partner sent (or one has failed).
     */
    void stopAndDrain(long maxMillis) throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (System.nanoTime() < deadline && healthy() && !drained()) {
            Thread.sleep(20);
        }
    }

    private boolean drained() {
        return peers.get(0).received() == peers.get(1).sent() && peers.get(1).received() == peers.get(0).sent();
    }

    Stats stats() {
        long sent = 0;
        long received = 0;
        long foreign = 0;
        List<String> failures = new ArrayList<>();
        for (GoodPeer p : peers) {
            sent += p.sent();
            received += p.received();
            foreign += p.foreign();
            if (p.failure() != null) {
                failures.add(p.failure());
            }
        }
        return new Stats(sent, received, foreign, failures);
    }

    @Override
    public void close() throws InterruptedException {
        sender.shutdownNow();
        for (GoodPeer p : peers) {
            p.close();
        }
    }
}
