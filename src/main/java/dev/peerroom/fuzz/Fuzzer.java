package dev.peerroom.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fuzz run: good peers join and talk, the health watch starts, then {@code inputs} hostile
 * connections are played {@code concurrency} at a time; at the end the good peers drain and the
 * server's state is compared with the start.
 */
final class Fuzzer {
    /** Stops the run early when /health has failed this many times in a row: the server is down. */
    private static final int DOWN_AFTER_FAILED_CHECKS = 2 * FuzzReport.DOWN_STREAK;

    /**
     * @param answerMillis how long to wait for the server's answer to an input
     * @param goodRate     messages per second each good peer sends
     * @param roomSlots    fuzz sockets that may be joined to the good room at once (room size minus 2)
     * @param serverPid    the server's pid, for RSS and fd figures; null when unknown
     * @param progress     where a progress line goes every few seconds; null for none
     */
    record Settings(FuzzTarget target, long inputs, long seed, int concurrency, int answerMillis,
                           double goodRate, int roomSlots, String serverPid, PrintStream progress) {
    }

    private Fuzzer() {
    }

    static FuzzReport run(Settings s) throws InterruptedException {
        long started = System.nanoTime();
        ServerProbe.Snapshot before = ServerProbe.take(s.target().port(), s.serverPid());
        Tally tally = new Tally();
        try (HealthWatch health = new HealthWatch(s.target(), 250)) {
            GoodPeers good;
            try {
                good = GoodPeers.start(s.target(), s.seed(), s.goodRate());
            } catch (IOException e) {
                return FuzzReport.notStarted(s, e.getMessage());
            }
            boolean aborted;
            GoodPeers.Stats goodStats;
            try {
                aborted = play(s, tally, good.ids(), health, started);
                good.stopAndDrain(10_000);
                goodStats = good.stats();
            } finally {
                good.close();
            }
            boolean upAtEnd = health.check();
            ServerProbe.Snapshot after = settle(s, before);
            return new FuzzReport(s, tally, goodStats, new FuzzReport.Health(health.ok(), health.failed(),
                    health.worstStreak(), health.slowestMillis(), upAtEnd), before, after, aborted,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** Plays every input; true when the run stopped early because the server went down. */
    private static boolean play(Settings s, Tally tally, List<String> goodIds, HealthWatch health, long started)
            throws InterruptedException {
        InputFactory factory = new InputFactory(s.seed(), s.target(), goodIds);
        InputRunner runner = new InputRunner(s.target(), s.answerMillis(), tally);
        Semaphore roomSlots = new Semaphore(Math.max(1, s.roomSlots()));
        AtomicLong next = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < s.concurrency(); w++) {
            Thread t = new Thread(() -> work(s, factory, runner, roomSlots, next, health), "fuzz-" + w);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        long lastReport = System.nanoTime();
        for (Thread t : workers) {
            while (t.isAlive()) {
                t.join(1_000);
                if (s.progress() != null && System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                    lastReport = System.nanoTime();
                    long secs = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(lastReport - started));
                    s.progress().printf("fuzz: %,d / %,d inputs, %,d/s, health %d ok %d failed%n", tally.total(),
                            s.inputs(), tally.total() / secs, health.ok(), health.failed());
                }
            }
        }
        return health.consecutiveFailures() >= DOWN_AFTER_FAILED_CHECKS;
    }

    private static void work(Settings s, InputFactory factory, InputRunner runner, Semaphore roomSlots,
                             AtomicLong next, HealthWatch health) {
        try {
            for (long i = next.getAndIncrement(); i < s.inputs(); i = next.getAndIncrement()) {
                if (health.consecutiveFailures() >= DOWN_AFTER_FAILED_CHECKS) {
                    return;
                }
                Input input = factory.create(i);
                // The good room has room for only a few more peers: more would just be refused as full.
                boolean slot = input.join() == Input.Join.SAME_ROOM;
                if (slot) {
                    roomSlots.acquire();
                }
                try {
                    runner.run(input);
                } finally {
                    if (slot) {
                        roomSlots.release();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The server's state once the connections the run left behind are gone: the server cuts a
     * client that never answers its close after about a second, so this waits a little for that.
     */
    private static ServerProbe.Snapshot settle(Settings s, ServerProbe.Snapshot before) throws InterruptedException {
        ServerProbe.Snapshot after = ServerProbe.take(s.target().port(), s.serverPid());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (after.connections() > before.connections() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = ServerProbe.take(s.target().port(), s.serverPid());
        }
        return after;
    }
}
