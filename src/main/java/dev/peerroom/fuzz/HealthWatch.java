package dev.peerroom.fuzz;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks {@code GET /health} on a fresh connection every {@code intervalMillis} for the whole run:
 * a server that stops answering, or answers anything but 200, shows up here even when no fuzz
 * input notices.
 */
final class HealthWatch implements AutoCloseable {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final FuzzTarget target;
    private final long intervalMillis;
    private final Thread thread;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile int consecutiveFailures;
    private volatile int worstStreak;
    private volatile long slowestMillis;
    private volatile boolean stopped;

    HealthWatch(FuzzTarget target, long intervalMillis) {
        this.target = target;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::loop, "fuzz-health");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!stopped) {
            record(check());
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One health request: true on 200 within the timeout. */
    boolean check() {
        long start = System.nanoTime();
        try (ProbeSocket s = ProbeSocket.connect(target, (int) TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS))) {
            s.write(target.healthRequest());
            boolean up = s.readHttpStatus(start + TIMEOUT_NANOS) == 200;
            slowestMillis = Math.max(slowestMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return up;
        } catch (IOException e) {
            return false;
        }
    }

    private void record(boolean up) {
        if (up) {
            ok.incrementAndGet();
            consecutiveFailures = 0;
        } else {
            failed.incrementAndGet();
            consecutiveFailures++;
            worstStreak = Math.max(worstStreak, consecutiveFailures);
        }
    }

    long ok() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    /** The longest run of failed checks in a row. */
    int worstStreak() {
        return worstStreak;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    long slowestMillis() {
        return slowestMillis;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5_000);
    }
}
