package dev.peerroom.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The soak's clock: for {@code duration} it starts churn actions and bursts at their rates (from
 * the start of the run, so a slow moment is caught up rather than lost), then drains: no new
 * actions, and it waits until nothing is in flight, at least the hold timeout and at most
 * {@code maxDrainMillis}.
 */
final class SoakDriver {
    private final SoakWorld world;
    private final SoakChurn churn;
    private final SplittableRandom random;
    private final double actionsPerSecond;
    private final double burstsPerSecond;

    /**
     * @param churnPerSecond sockets closed plus sockets opened per second: each action closes one
     *                       and opens one, so actions run at half this rate
     */
    SoakDriver(SoakWorld world, SoakChurn churn, long seed, double churnPerSecond, double burstsPerSecond) {
        this.world = world;
        this.churn = churn;
        this.random = new SplittableRandom(seed);
        this.actionsPerSecond = churnPerSecond / 2;
        this.burstsPerSecond = burstsPerSecond;
    }

    /** Runs churn and bursts for {@code durationNanos}; returns the actions started. */
    long run(long durationNanos, Progress progress, String label) throws InterruptedException {
        long start = System.nanoTime();
        long actions = 0;
        long bursts = 0;
        for (long now = start; now - start < durationNanos; now = System.nanoTime()) {
            double seconds = (now - start) / 1e9;
            while (actions < (long) (seconds * actionsPerSecond)) {
                churn.act();
                actions++;
            }
            while (bursts < (long) (seconds * burstsPerSecond)) {
                burstOnce();
                bursts++;
            }
            progress.show(status(label, seconds, durationNanos / 1e9), 1000);
            Thread.sleep(10);
        }
        return actions;
    }

    /** A burst between two random stable peers of a random room. */
    private void burstOnce() {
        for (int attempt = 0; attempt < 8; attempt++) {
            SoakWorld.Room room = world.rooms[random.nextInt(world.rooms.length)];
            SoakPeer a;
            SoakPeer b;
            synchronized (world) {
                a = world.randomStable(room, null);
                b = a == null ? null : world.randomStable(room, a);
            }
            if (b != null) {
                world.bursts.start(a, b, false);
                return;
            }
        }
        world.tally.count("bursts skipped (no room with two stable peers found)");
    }

    /** Stops refilling rooms and waits for quiet; true when it came before {@code maxDrainMillis}. */
    boolean drain(long minDrainMillis, long maxDrainMillis, Progress progress) throws InterruptedException {
        world.stopReplacing();
        long start = System.nanoTime();
        while (true) {
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            boolean quiet = world.quiet();
            if (quiet && elapsedMillis >= minDrainMillis) {
                return true;
            }
            if (elapsedMillis >= maxDrainMillis) {
                return quiet;
            }
            int open;
            synchronized (world) {
                open = world.ledger.openCount();
            }
            progress.show(String.format(Locale.ROOT, "soak draining %.1f s  messages in flight %,d  joining %,d",
                    elapsedMillis / 1e3, open, world.joining()), 500);
            Thread.sleep(50);
        }
    }

    private String status(String label, double seconds, double total) {
        long sent;
        int open;
        synchronized (world) {
            sent = world.ledger.sent();
            open = world.ledger.openCount();
        }
        return String.format(Locale.ROOT, "%s %5.0f/%.0f s  sockets %,d  messages %,d (in flight %,d)  dead %,d  "
                        + "violations %,d", label, seconds, total, world.openSockets(), sent, open,
                world.tally.get("dead peers (frozen on purpose)"), world.tally.violations());
    }
}
