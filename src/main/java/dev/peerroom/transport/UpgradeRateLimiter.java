package dev.peerroom.transport;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WebSocket upgrade attempts per client address per second, in fixed one-second windows: a window
 * opens at an address's first attempt after its previous window ended, and allows {@code limit}
 * attempts. A fixed window lets a burst of at most twice the limit straddle a window edge, which is
 * harmless here, and needs two numbers per address instead of a log of timestamps.
 *
 * <p>Windows are immutable and replaced atomically per address, so event loops need no lock. The
 * node-wide sweep drops windows that ended, so the map holds only addresses that tried to upgrade
 * within about the last second plus one sweep period.
 */
final class UpgradeRateLimiter {
    static final long WINDOW_MS = 1_000;

    private record Window(long start, int attempts) {
    }

    private final int limit;
    private final ConcurrentHashMap<InetAddress, Window> windows = new ConcurrentHashMap<>();

    /** @param limit upgrades per address per second; 0 = no limit (and nothing is kept) */
    UpgradeRateLimiter(int limit) {
        this.limit = limit;
    }

    /** Counts one attempt at {@code now}; false when the address has used up its current window. */
    boolean tryAcquire(InetAddress address, long now) {
        if (limit == 0 || address == null) {
            return true;
        }
        boolean[] allowed = {false};
        windows.compute(address, (a, w) -> {
            if (w == null || ended(w, now)) {
                allowed[0] = true;
                return new Window(now, 1);
            }
            if (w.attempts() < limit) {
                allowed[0] = true;
                return new Window(w.start(), w.attempts() + 1);
            }
            return w; // refused attempts do not extend or refill the window
        });
        return allowed[0];
    }

    /** Forgets windows that have ended: the next attempt would open a new one anyway. */
    void sweep(long now) {
        // removeIf on a ConcurrentHashMap view removes an entry only if it still holds the value tested.
        windows.values().removeIf(w -> ended(w, now));
    }

    /** A window ends a second after it opened, or at once if the wall clock was set back past its start. */
    private static boolean ended(Window w, long now) {
        return now - w.start() >= WINDOW_MS || now < w.start();
    }

    /** Addresses with a window in memory. */
    int addresses() {
        return windows.size();
    }
}
